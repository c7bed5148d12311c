package com.coaching.notifications.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Resource use of another process as the OS and its JVM report it: CPU time and RSS from
 * {@code /proc/<pid>/stat} and {@code /proc/<pid>/status}, open files from {@code /proc/<pid>/fd}, and
 * live heap from {@code jcmd}. RSS alone misleads for a JVM (G1 keeps pages it touched once), so live
 * heap is measured after a full collection: {@code GC.class_histogram} collects first and then sums the
 * live objects. Given several processes (the gateway replicas of one run), every figure is their sum.
 */
final class ProcessSampler {

    private static final Pattern TOTAL = Pattern.compile("^Total\\s+\\d+\\s+(\\d+)\\s*$", Pattern.MULTILINE);
    private static final Pattern CLASS_LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)", Pattern.MULTILINE);
    private static final Pattern NMT_CATEGORY = Pattern.compile(
            "^-\\s+(.+?) \\(reserved=\\d+KB, committed=(\\d+)KB\\)", Pattern.MULTILINE);
    private static final Pattern NMT_TOTAL = Pattern.compile("^Total: reserved=\\d+KB, committed=(\\d+)KB", Pattern.MULTILINE);
    private static final Pattern MEMINFO_SLAB = Pattern.compile("^Slab:\\s+(\\d+) kB$", Pattern.MULTILINE);
    private static final Pattern HEAP_USED = Pattern.compile("garbage-first heap\\s+total \\d+K, used (\\d+)K");

    /** One look at the process. {@code cpuTicks} = user + system time in clock ticks. */
    record Sample(long nanoTime, long cpuTicks, long rssKb, int threads, int openFiles) {
    }

    private final List<Long> pids;
    private final Path jcmd;
    private final long ticksPerSecond;

    ProcessSampler(List<Long> pids) {
        this.pids = List.copyOf(pids);
        this.jcmd = Path.of(com.coaching.notifications.process.ServiceProcess.javaExecutable()).resolveSibling("jcmd");
        this.ticksPerSecond = Long.parseLong(run(List.of("getconf", "CLK_TCK")).trim());
    }

    Sample sample() {
        long ticks = 0;
        long rss = 0;
        int threads = 0;
        int files = 0;
        for (long pid : pids) {
            Sample one = sample(pid);
            ticks += one.cpuTicks();
            rss += one.rssKb();
            threads += one.threads();
            files += one.openFiles();
        }
        return new Sample(System.nanoTime(), ticks, rss, threads, files);
    }

    private static Sample sample(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name (which may contain spaces) start at state, field 3; utime is 14, stime 15.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            long rss = 0;
            int threads = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("\\D", ""));
                } else if (line.startsWith("Threads:")) {
                    threads = Integer.parseInt(line.replaceAll("\\D", ""));
                }
            }
            int files;
            try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
                files = (int) fds.count();
            }
            return new Sample(System.nanoTime(), ticks, rss, threads, files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid, e);
        }
    }

    /** Percent of one core used between two samples. */
    double cpuPercent(Sample from, Sample to) {
        double cpuSeconds = (double) (to.cpuTicks() - from.cpuTicks()) / ticksPerSecond;
        double wallSeconds = (to.nanoTime() - from.nanoTime()) / 1e9;
        return 100.0 * cpuSeconds / wallSeconds;
    }

    /** Live objects: total bytes, and instances and bytes per class. */
    record LiveHeap(long bytes, Map<String, long[]> byClass) {
    }

    /** Live objects after the full collection that {@code GC.class_histogram} performs. */
    LiveHeap liveHeap() {
        long bytes = 0;
        Map<String, long[]> byClass = new HashMap<>();
        for (long pid : pids) {
            LiveHeap one = liveHeap(pid);
            bytes += one.bytes();
            one.byClass().forEach((name, counts) -> byClass.merge(name, counts, ProcessSampler::add));
        }
        return new LiveHeap(bytes, byClass);
    }

    private LiveHeap liveHeap(long pid) {
        String histogram = jcmd(pid, "GC.class_histogram");
        Matcher total = TOTAL.matcher(histogram);
        if (!total.find()) {
            throw new IllegalStateException("no Total line in the class histogram of " + pid);
        }
        Map<String, long[]> byClass = new HashMap<>();
        Matcher line = CLASS_LINE.matcher(histogram);
        while (line.find()) {
            byClass.merge(line.group(3), new long[] {Long.parseLong(line.group(1)), Long.parseLong(line.group(2))},
                    ProcessSampler::add);
        }
        return new LiveHeap(Long.parseLong(total.group(1)), byClass);
    }

    /**
     * Heap in use as G1 reports it right after the collection of {@link #liveHeap()}; null with another
     * collector, whose report has another shape (the live heap is the figure that counts).
     */
    Long heapUsedBytes() {
        long used = 0;
        for (long pid : pids) {
            Matcher m = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
            if (!m.find()) {
                return null;
            }
            used += Long.parseLong(m.group(1)) * 1024;
        }
        return used;
    }

    /**
     * Committed native memory by the JVM's own categories (Java Heap, Class, Thread, Code, GC, Other,
     * ...: "Other" holds Netty's direct buffers), in KB, summed over the processes; null unless every
     * process runs with {@code -XX:NativeMemoryTracking=summary}.
     */
    Map<String, Long> nativeMemoryKb() {
        Map<String, Long> committed = new TreeMap<>();
        for (long pid : pids) {
            String report;
            try {
                report = jcmd(pid, "VM.native_memory summary");
            } catch (IllegalStateException e) {
                return null;
            }
            Matcher total = NMT_TOTAL.matcher(report);
            if (!total.find()) {
                return null;
            }
            committed.merge("Total", Long.parseLong(total.group(1)), Long::sum);
            Matcher m = NMT_CATEGORY.matcher(report);
            while (m.find()) {
                committed.merge(m.group(1).trim(), Long.parseLong(m.group(2)), Long::sum);
            }
        }
        return committed;
    }

    /**
     * The kernel's slab memory on the whole machine, in KB ({@code Slab:} of {@code /proc/meminfo}): where
     * a socket's kernel structures live (TCP socket, inode, file, epoll entry), outside every process's
     * RSS. Idle sockets hold no buffer memory, so this, not the TCP buffer count, is their kernel cost; on
     * loopback it counts both ends of each connection.
     */
    static long kernelSlabKb() {
        try {
            Matcher m = MEMINFO_SLAB.matcher(Files.readString(Path.of("/proc/meminfo")));
            if (!m.find()) {
                throw new IllegalStateException("no Slab in /proc/meminfo");
            }
            return Long.parseLong(m.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/meminfo", e);
        }
    }

    private static long[] add(long[] a, long[] b) {
        return new long[] {a[0] + b[0], a[1] + b[1]};
    }

    private String jcmd(long pid, String command) {
        return run(List.of(jcmd.toString(), Long.toString(pid), command));
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(command + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
