package io.quorch.domain;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A recovery step that a leader taking over an abandoned recovery must be able to read back: which
 * server was about to be (or was) promoted, which replica was about to be (or was) moved. It travels
 * as the start of a step's message ("@PROMOTED 10.0.0.2:3306: ..."), so the step table and the log
 * format stay as they are.
 */
public record RecoveryMilestone(Kind kind, InstanceKey key) {

    public enum Kind {
        /** Written before the successor is changed into a primary. */
        PROMOTING,
        /** Written after the successor was made a primary. */
        PROMOTED,
        /** Written before a replica is moved under the successor. */
        REPOINTING,
        /** Written after a replica was moved under the successor. */
        REPOINTED
    }

    private static final Pattern FORM = Pattern.compile("^@(PROMOTING|PROMOTED|REPOINTING|REPOINTED) (\\S+): ");

    /** The step message: the milestone, then the text for people. */
    public String message(String text) {
        return "@" + kind + " " + key + ": " + text;
    }

    /** The milestone a step message starts with, if any. */
    public static Optional<RecoveryMilestone> parse(String message) {
        if (message == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(message);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RecoveryMilestone(Kind.valueOf(m.group(1)), InstanceKey.parse(m.group(2))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
