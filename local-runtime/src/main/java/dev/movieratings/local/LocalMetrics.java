package dev.movieratings.local;

import dev.movieratings.observability.MeterCatalogue;
import dev.movieratings.projection.maintenance.infrastructure.ProjectionRebuild;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The local runtime's metrics: one Prometheus registry added to Micrometer's global registry, which
 * the four functions' meters bind to (each function has its own Spring context, the registry is one
 * per JVM), JVM basics, and the queue depths sampled every few seconds with GetQueueAttributes (on AWS
 * CloudWatch has those for SQS). Served at {@code GET /metrics} by the HTTP front.
 */
final class LocalMetrics implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalMetrics.class);
    static final long QUEUE_SAMPLE_MILLIS = 2_000;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final AtomicLong projectorDepth = new AtomicLong();
    private final AtomicLong deadLetterDepth = new AtomicLong();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "metrics-queue-sampler");
        thread.setDaemon(true);
        return thread;
    });

    LocalMetrics() {
        registry.config().commonTags("service", "movie-ratings");
        Metrics.globalRegistry.add(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        ProjectionRebuild.registerMetrics();
    }

    /** Samples the projector queue's and the DLQ's depth (visible + in flight) every few seconds. */
    void sampleQueues(SqsClient sqs, String queueUrl, String deadLetterQueueUrl) {
        MeterCatalogue.QUEUE_MESSAGES.gauge(registry, projectorDepth, AtomicLong::get, "projector");
        MeterCatalogue.DLQ_MESSAGES.gauge(registry, deadLetterDepth, AtomicLong::get);
        sampler.scheduleWithFixedDelay(
                () -> {
                    try {
                        projectorDepth.set(depth(sqs, queueUrl));
                        deadLetterDepth.set(depth(sqs, deadLetterQueueUrl));
                    } catch (RuntimeException e) {
                        LOG.debug("queue depth not sampled: {}", e.toString());
                    }
                },
                0,
                QUEUE_SAMPLE_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    private static long depth(SqsClient sqs, String url) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Long.parseLong(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"))
                + Long.parseLong(
                        attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0"));
    }

    /** The Prometheus text exposition format (0.0.4). */
    String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        Metrics.globalRegistry.remove(registry);
        gc.close();
        registry.close();
    }
}
