package io.tributary.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** {@code --log-format} and {@code --log-level} of every long-running command: how the SLF4J log reaches stderr. */
final class LoggingOptions {
    enum Format { plain, json }

    @Option(names = "--log-format", description = "plain: one readable line per event; json: one JSON object a line, "
            + "for log collectors (default: ${DEFAULT-VALUE}). Valid values: ${COMPLETION-CANDIDATES}.")
    Format format = Format.plain;

    @Option(names = "--log-level", description = "Least level of Tributary's own log: ERROR, WARN, INFO, DEBUG, TRACE (default: ${DEFAULT-VALUE}).")
    String level = "INFO";

    /** Configures logback from the jar's own file for the format, whatever other logback files the classpath holds. */
    void apply() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        context.reset();
        try {
            configurator.doConfigure(LoggingOptions.class.getResource(format == Format.json ? "/logback-json.xml" : "/logback.xml"));
        } catch (JoranException e) {
            throw new IllegalStateException("the logging configuration is broken", e);
        }
        context.getLogger("io.tributary").setLevel(Level.toLevel(level, Level.INFO));
    }
}
