package io.mockfactory.storage.s3.access;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The typed readings of condition values (numbers, dates, booleans, base64) that operators compare; null when a value is not one. */
final class PolicyValues {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern EPOCH = Pattern.compile("[+-]?\\d{1,15}(\\.\\d+)?");
    /** ISO 8601 as IAM reads it: a year and month at least; a time, if any, with minutes and an optional zone. */
    private static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{2})(?:-(\\d{2})(?:[Tt](\\d{2}):(\\d{2})"
            + "(?::(\\d{2})(?:\\.(\\d{1,9}))?)?([Zz]|[+-]\\d{2}:?\\d{2})?)?)?");

    private PolicyValues() {
    }

    static BigDecimal number(String text) {
        if (text == null || !NUMBER.matcher(text).matches()) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Instant date(String text) {
        if (text == null) {
            return null;
        }
        if (EPOCH.matcher(text).matches()) {
            BigDecimal seconds = new BigDecimal(text);
            return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
        }
        Matcher m = DATE.matcher(text);
        if (!m.matches()) {
            return null;
        }
        try {
            int day = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
            int hour = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
            int minute = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
            int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
            int nanos = m.group(7) == null ? 0 : Integer.parseInt((m.group(7) + "00000000").substring(0, 9));
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), day, hour,
                    minute, second, nanos);
            return local.toInstant(zone(m.group(8)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static ZoneOffset zone(String zone) {
        if (zone == null || zone.equalsIgnoreCase("z")) {
            return ZoneOffset.UTC;
        }
        String digits = zone.replace(":", "");
        int sign = digits.charAt(0) == '-' ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(sign * Integer.parseInt(digits.substring(1, 3)), sign * Integer.parseInt(digits.substring(3, 5)));
    }

    static Boolean bool(String text) {
        if ("true".equalsIgnoreCase(text)) {
            return Boolean.TRUE;
        }
        return "false".equalsIgnoreCase(text) ? Boolean.FALSE : null;
    }

    static byte[] binary(String text) {
        try {
            return text == null ? null : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
