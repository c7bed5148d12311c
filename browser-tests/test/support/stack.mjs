// Starts the local stack's runnable jar as a newcomer would (see LocalStackIT): free ports on
// 127.0.0.1, a data folder under target/, wait for "Local stack is up", stop it with SIGTERM and
// make sure every process it started is gone. Only processes started here are ever signalled,
// each by its own PID.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const projectRoot = path.resolve(process.env.PROJECT_ROOT ?? path.join(import.meta.dirname, '..', '..', '..'));
export const targetDir = path.resolve(process.env.TARGET_DIR ?? path.join(projectRoot, 'browser-tests', 'target'));
const javaBin = process.env.JAVA_BIN || 'java';

/**
 * A free port on 127.0.0.1 below the kernel's ephemeral range (32768 and up on Linux), which every
 * outgoing connection draws from: a port released there can be taken by a client connection before
 * the service binds it. Same rule as FreePorts in process-support.
 */
export async function freePort() {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 12000);
    const free = await new Promise((resolve) => {
      const server = net.createServer();
      server.unref();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('no free port between 20000 and 32000 on 127.0.0.1');
}

/** Polls `check` (async, truthy = done) until it holds or the deadline passes. */
export async function until(what, check, { timeoutMs, intervalMs = 200 }) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await check();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    await sleep(intervalMs);
  }
}

function stackJar() {
  const dir = path.join(projectRoot, 'local-stack', 'target');
  const jar = fs.existsSync(dir) && fs.readdirSync(dir).find((f) => /^local-stack-.*-exec\.jar$/.test(f));
  if (!jar) throw new Error(`no local-stack runnable jar in ${dir}; build it first (./mvnw -pl browser-tests -am verify)`);
  return path.join(dir, jar);
}

/** Parent PID of a process, from /proc (Linux), or null once it is gone. */
function parentPid(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

function isAlive(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Every live descendant of `root`, from /proc. */
export function descendants(root) {
  const children = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const ppid = parentPid(Number(entry));
    if (ppid === null) continue;
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(Number(entry));
  }
  const all = [];
  const queue = [root];
  while (queue.length) for (const child of children.get(queue.shift()) ?? []) if (isAlive(child)) all.push(child), queue.push(child);
  return all;
}

async function httpStatus(url, init) {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(2000) });
    await response.body?.cancel();
    return response.status;
  } catch {
    return -1;
  }
}

/**
 * Starts a local stack. `gatewayProperties` are settings for both gateways (the stack's
 * local-stack.gateway-properties), e.g. { 'notifications.sse.enabled': 'false' }.
 */
export async function startStack(name, { gatewayProperties = {} } = {}) {
  const dataDir = path.join(targetDir, `stack-${name}`);
  const ports = {};
  for (const key of ['proxy', 'writer', 'gateway-a', 'gateway-b', 'kafka', 'kafka-controller', 'postgres']) ports[key] = await freePort();
  const args = ['-jar', stackJar(), '--wipe', `--local-stack.project-dir=${projectRoot}`, `--local-stack.data-dir=${dataDir}`];
  for (const [key, port] of Object.entries(ports)) args.push(`--local-stack.ports.${key}=${port}`);
  for (const [key, value] of Object.entries(gatewayProperties)) args.push(`--local-stack.gateway-properties.[${key}]=${value}`);
  fs.mkdirSync(targetDir, { recursive: true });
  const logFile = path.join(targetDir, `stack-${name}.log`);
  const log = fs.createWriteStream(logFile);
  const child = spawn(javaBin, args, { cwd: projectRoot, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = [];
  let buffered = '';
  const onData = (chunk) => {
    log.write(chunk);
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop();
    lines.push(...parts);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));
  const stack = new LocalStack(name, child, ports, lines, logFile, dataDir);
  liveStacks.add(stack);
  await until(
    `"Local stack is up" from stack ${name} (log: ${logFile})`,
    () => {
      if (exited) throw new Error(`the stack exited (${JSON.stringify(exited)}):\n${lines.slice(-30).join('\n')}`);
      return lines.some((l) => l.startsWith('Local stack is up'));
    },
    { timeoutMs: 240_000, intervalMs: 250 },
  );
  return stack;
}

const liveStacks = new Set();

/**
 * For a failure where a request waits: for each running stack, its proxy's connections whose queues
 * hold bytes (Recv-Q: sent by the browser, not yet read by the proxy), what each of the proxy's
 * event-loop threads is doing, and a full thread dump saved under target/artifacts.
 */
export async function diagnoseStacks() {
  const reports = [];
  for (const stack of liveStacks) reports.push(stack.diagnose());
  return reports.join('; ') || 'no stack running';
}

// Last resort if the test process ends without its after() hooks: nothing is left behind.
process.on('exit', () => {
  for (const stack of liveStacks) stack.killNow();
});

export class LocalStack {
  constructor(name, child, ports, lines, logFile, dataDir) {
    this.name = name;
    this.child = child;
    this.ports = ports;
    this.lines = lines;
    this.logFile = logFile;
    this.dataDir = dataDir;
    this.origin = `http://127.0.0.1:${ports.proxy}`;
    /** Processes this test started itself (replacement gateways), by PID. */
    this.extra = [];
    this.seenPids = new Set();
  }

  diagnose() {
    const run = (command, args) => {
      try {
        return execFileSync(command, args, { encoding: 'utf8', timeout: 15_000, stdio: ['ignore', 'pipe', 'pipe'] });
      } catch (e) {
        return `(${command} failed: ${e.message.split('\n')[0]})`;
      }
    };
    const sockets = run('ss', ['-Htn', 'state', 'established', `( sport = :${this.ports.proxy} )`]).trim().split('\n').filter(Boolean);
    const queued = sockets.filter((line) => !/^0\s+0\s/.test(line.trim()));
    const dump = run(javaBin.includes('/') ? path.join(path.dirname(javaBin), 'jcmd') : 'jcmd', [String(this.child.pid), 'Thread.print']);
    const artifacts = path.join(targetDir, 'artifacts');
    fs.mkdirSync(artifacts, { recursive: true });
    const dumpFile = path.join(artifacts, `stack-${this.name}-threads-${Date.now()}.txt`);
    fs.writeFileSync(dumpFile, dump);
    // Each event loop's top frame: an idle loop sits in epoll; anything else is what it is busy with.
    const loops = [...dump.matchAll(/^"(reactor-http-[^"]+)".*\n\s+java.lang.Thread.State: (\S+)\n\s+at (\S+)/gm)].map(([, name, state, frame]) => `${name} ${state} ${frame.replace(/\(.*/, '')}`);
    return `stack ${this.name}: ${sockets.length} connections to the proxy, ${queued.length} with queued bytes${queued.length ? ` [${queued.join(' | ')}]` : ''}; event loops: ${loops.join(', ') || '?'}; thread dump in ${dumpFile}`;
  }

  /** POST /dev/token: a user's token, or with `scope` a service token. */
  async token({ user, scope }) {
    const query = user ? `user=${encodeURIComponent(user)}` : `scope=${encodeURIComponent(scope)}`;
    const response = await fetch(`${this.origin}/dev/token?${query}`, { method: 'POST' });
    if (response.status !== 200) throw new Error(`/dev/token?${query}: HTTP ${response.status}`);
    return (await response.text()).trim();
  }

  /** Creates a notification through the writer's API with a service token; returns the created JSON. */
  async createNotification(body) {
    this.serviceToken ??= await this.token({ scope: 'notifications:write' });
    const response = await fetch(`${this.origin}/api/notifications`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${this.serviceToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ message: 'from the browser tests', ...body }),
    });
    const text = await response.text();
    if (response.status !== 201) throw new Error(`create notification: HTTP ${response.status} ${text}`);
    return JSON.parse(text);
  }

  /** The two gateway processes, as the stack printed them, checked to be its own children. */
  gateways() {
    const line = this.lines.find((l) => /gateways on \d+ and \d+, pids \d+ and \d+/.test(l));
    if (!line) throw new Error('the stack did not print its gateways');
    const [, portA, portB, pidA, pidB] = line.match(/gateways on (\d+) and (\d+), pids (\d+) and (\d+)/).map(Number);
    const result = [
      { port: portA, pid: pidA },
      { port: portB, pid: pidB },
    ];
    for (const g of result) if (parentPid(g.pid) !== this.child.pid) throw new Error(`pid ${g.pid} is not a child of the stack ${this.child.pid}`);
    return result;
  }

  /** The command line a process was started with (to start an identical one later). */
  static commandLine(pid) {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  }

  /** Kills one of the stack's gateway processes (SIGKILL: a crash, not a graceful stop) and waits until it is gone. */
  async killGateway({ pid, port }) {
    process.kill(pid, 'SIGKILL');
    await until(`gateway pid ${pid} gone`, async () => !isAlive(pid) && (await httpStatus(`http://127.0.0.1:${port}/actuator/health/readiness`)) === -1, {
      timeoutMs: 15_000,
    });
  }

  /** Starts a gateway with exactly the command line a killed one had, and waits until it is ready. */
  async startGatewayLike(commandLine, port) {
    const out = fs.openSync(path.join(targetDir, `stack-${this.name}-gateway-${port}-restarted.log`), 'a');
    const child = spawn(commandLine[0], commandLine.slice(1), { cwd: projectRoot, stdio: ['ignore', out, out] });
    this.extra.push(child);
    await until(
      `restarted gateway on ${port} ready`,
      async () => {
        if (child.exitCode !== null) throw new Error(`the restarted gateway exited with ${child.exitCode}`);
        return (await httpStatus(`http://127.0.0.1:${port}/actuator/health/readiness`)) === 200;
      },
      { timeoutMs: 120_000, intervalMs: 250 },
    );
    return child;
  }

  /** SIGTERM (what Ctrl-C does), then make sure every process it started is gone. */
  async stop() {
    for (const child of this.extra) if (child.exitCode === null) child.kill('SIGTERM');
    const children = descendants(this.child.pid);
    if (this.child.exitCode === null) {
      this.child.kill('SIGTERM');
      await until(`stack ${this.name} to stop`, () => this.child.exitCode !== null || this.child.signalCode !== null, { timeoutMs: 90_000 }).catch(
        () => this.child.kill('SIGKILL'),
      );
    }
    await until('every process of the stack gone', () => children.every((pid) => !isAlive(pid)), { timeoutMs: 30_000 }).catch(() => {
      for (const pid of children) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    });
    for (const child of this.extra) {
      await until('restarted gateway gone', () => child.exitCode !== null || child.signalCode !== null, { timeoutMs: 30_000 }).catch(() => child.kill('SIGKILL'));
    }
    liveStacks.delete(this);
  }

  /** Synchronous, for process exit: SIGKILL to the stack's own descendants and to ours, by PID. */
  killNow() {
    try {
      for (const pid of descendants(this.child.pid)) process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
    for (const child of [...this.extra, this.child]) if (child.exitCode === null) child.kill('SIGKILL');
  }
}
