package io.tributary.server.streams;

import io.tributary.core.TributaryException;
import io.tributary.server.api.AwsMessages;
import io.tributary.core.model.StreamDefinition;
import io.tributary.core.storage.StreamLog;
import io.tributary.server.api.RequestContext;
import io.tributary.server.api.TableDescriptions;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Stream ARNs: {@code arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/stream/LABEL}; region and account are the caller's. */
final class StreamArns {
    private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:dynamodb:[^:]*:[^:]*:table/([a-zA-Z0-9_.-]+)/stream/(.+)");

    private StreamArns() {}

    static String of(RequestContext ctx, StreamDefinition s) {
        return TableDescriptions.streamArn(ctx, s.tableName(), s.label());
    }

    static StreamDefinition resolve(StreamLog log, String arn) {
        if (arn == null) {
            throw TributaryException.validation("1 validation error detected: Value null at 'streamArn' failed to satisfy "
                    + "constraint: Member must not be null");
        }
        if (arn.length() < 37 || arn.length() > 1024) {
            throw TributaryException.validation("1 validation error detected: Value '" + arn + "' at 'streamArn' failed to "
                    + "satisfy constraint: Member must have length " + (arn.length() < 37 ? "greater than or equal to 37" : "less than or equal to 1024"));
        }
        Matcher m = ARN.matcher(arn);
        if (!m.matches()) throw TributaryException.validation("Invalid StreamArn");
        return log.find(m.group(1), m.group(2)).orElseThrow(() ->
                AwsMessages.streamNotFound(arn));
    }
}
