package com.coaching.notifications.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FrameBufferTest {

    @Test
    void takesUpToItsCapacityAndRefusesTheRestUntilTheReaderCatchesUp() {
        FrameBuffer<Integer> buffer = new FrameBuffer<>(3);

        assertThat(buffer.offer(1)).isTrue();
        assertThat(buffer.offer(2)).isTrue();
        assertThat(buffer.offer(3)).isTrue();
        assertThat(buffer.offer(4)).isFalse();
        assertThat(buffer).hasSize(3);

        assertThat(buffer.poll()).isEqualTo(1);
        assertThat(buffer.offer(5)).isTrue();
        assertThat(buffer.offer(6)).isFalse();
        assertThat(buffer.peek()).isEqualTo(2);
        assertThat(List.of(buffer.poll(), buffer.poll(), buffer.poll())).containsExactly(2, 3, 5);
        assertThat(buffer.poll()).isNull();
        assertThat(buffer).isEmpty();
    }

    @Test
    void oneWriterAndOneReaderOnTwoThreadsSeeEveryItemOnceInOrder() throws InterruptedException {
        FrameBuffer<Integer> buffer = new FrameBuffer<>(16);
        int count = 200_000;
        List<Integer> read = new ArrayList<>(count);
        CountDownLatch done = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            while (read.size() < count) {
                Integer next = buffer.poll();
                if (next != null) {
                    read.add(next);
                } else {
                    Thread.onSpinWait();
                }
            }
            done.countDown();
        });
        reader.start();
        for (int i = 0; i < count; ) {
            if (buffer.offer(i)) {
                i++;
            } else {
                assertThat(buffer.size()).isLessThanOrEqualTo(16);
                Thread.onSpinWait();
            }
        }
        done.await();

        assertThat(read).isEqualTo(IntStream.range(0, count).boxed().toList());
    }
}
