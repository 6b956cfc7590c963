package dev.movieratings.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * CPU time used so far by this JVM and by the embedded PostgreSQL (the postmaster, its live backends and
 * the backends it has reaped), from /proc: on a machine shared with other builds the wall clock measures
 * the neighbours as much as the code, the CPU a run used far less so.
 */
final class ProcessCpu {

    /** Linux reports /proc times in USER_HZ, 100 a second on every architecture this runs on. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private final long postmaster;

    private ProcessCpu(long postmaster) {
        this.postmaster = postmaster;
    }

    /** For the PostgreSQL {@code jdbc} is connected to (it must run on this machine, as a superuser). */
    static ProcessCpu of(JdbcTemplate jdbc) {
        String dataDirectory = jdbc.queryForObject("show data_directory", String.class);
        try {
            String pid = Files.readAllLines(Path.of(dataDirectory, "postmaster.pid"))
                    .get(0)
                    .strip();
            return new ProcessCpu(Long.parseLong(pid));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the postmaster's pid", e);
        }
    }

    /** CPU nanoseconds of this JVM and of the database's processes, so far. */
    long nanos() {
        long jvm = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        long ticks = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                String[] stat = stat(process);
                if (stat == null) {
                    continue;
                }
                long pid = Long.parseLong(process.getFileName().toString());
                if (pid == postmaster) {
                    // its own time and that of every backend it has reaped
                    ticks += Long.parseLong(stat[13])
                            + Long.parseLong(stat[14])
                            + Long.parseLong(stat[15])
                            + Long.parseLong(stat[16]);
                } else if (Long.parseLong(stat[3]) == postmaster) {
                    ticks += Long.parseLong(stat[13]) + Long.parseLong(stat[14]);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc", e);
        }
        return jvm + ticks * NANOS_PER_TICK;
    }

    /** The fields of /proc/PID/stat, numbered from 0 as in proc(5) less one; null if the process is gone. */
    private static String @Nullable [] stat(Path process) {
        try {
            String line = Files.readString(process.resolve("stat"));
            // the command name, in parentheses, may hold spaces: split after its closing parenthesis
            String[] rest = line.substring(line.lastIndexOf(')') + 2).split(" ");
            String[] fields = new String[rest.length + 2];
            fields[0] = line.substring(0, line.indexOf(' '));
            fields[1] = line.substring(line.indexOf('('), line.lastIndexOf(')') + 1);
            System.arraycopy(rest, 0, fields, 2, rest.length);
            return fields;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
