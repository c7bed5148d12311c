import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { SignedOut } from './SignedOut';

describe('SignedOut', () => {
  it('says how to sign in, without a token in the address, and offers to sign in', () => {
    const onSignIn = vi.fn();
    render(<SignedOut onSignIn={onSignIn} />);
    expect(screen.getByText(/Not signed in/).textContent).not.toMatch(/token=/);
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(onSignIn).toHaveBeenCalledTimes(1);
  });

  it('shows why signing in failed as an alert', () => {
    render(<SignedOut message="Sign-in failed: The user said no" onSignIn={vi.fn()} />);
    expect(screen.getByRole('alert').textContent).toBe('Sign-in failed: The user said no');
  });
});
