package org.proofhub.hub.proof;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON Canonicalization Scheme (RFC 8785, JCS): one byte sequence per JSON value, so that a sealed
 * proof's signature does not depend on key order, whitespace or number spelling. Object members are
 * sorted by UTF-16 code units, numbers are written as ECMAScript writes doubles, strings are escaped as
 * ECMAScript's JSON.stringify escapes them, and nothing else is added.
 */
public final class CanonicalJson {

    // I-JSON forbids duplicate member names; numbers are doubles in JCS, so parse them as such
    private static final ObjectMapper STRICT_PARSER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final BigInteger MAX_EXACT_INTEGER = BigInteger.ONE.shiftLeft(53);

    private CanonicalJson() {
    }

    /** The canonical form of {@code value} as UTF-8, the bytes to digest and seal. */
    public static byte[] canonicalBytes(JsonNode value) {
        return canonicalize(value).getBytes(StandardCharsets.UTF_8);
    }

    /** The canonical form of {@code value}. */
    public static String canonicalize(JsonNode value) {
        StringBuilder out = new StringBuilder();
        write(value, "", out);
        return out.toString();
    }

    /**
     * Parses JSON text the strict way JCS expects (duplicate member names are an error).
     *
     * @throws CanonicalJsonException when the text is not JSON or repeats a member name
     */
    public static JsonNode parse(String json) {
        try {
            return STRICT_PARSER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new CanonicalJsonException("", "is not I-JSON: " + e.getOriginalMessage());
        }
    }

    private static void write(JsonNode value, String path, StringBuilder out) {
        switch (value.getNodeType()) {
            case OBJECT -> writeObject(value, path, out);
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < value.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(value.get(i), path + "/" + i, out);
                }
                out.append(']');
            }
            case STRING -> writeString(value.textValue(), path, out);
            case NUMBER -> out.append(number(value, path));
            case BOOLEAN -> out.append(value.booleanValue());
            case NULL -> out.append("null");
            default -> throw new CanonicalJsonException(path, "is a " + value.getNodeType() + ", which JSON text cannot hold");
        }
    }

    private static void writeObject(JsonNode object, String path, StringBuilder out) {
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>(object.properties());
        // String.compareTo compares UTF-16 code units, which is exactly the order RFC 8785 §3.2.3 asks for
        members.sort(Map.Entry.comparingByKey());
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonNode> member : members) {
            if (!first) {
                out.append(',');
            }
            first = false;
            String memberPath = path + "/" + member.getKey().replace("~", "~0").replace("/", "~1");
            writeString(member.getKey(), memberPath, out);
            out.append(':');
            write(member.getValue(), memberPath, out);
        }
        out.append('}');
    }

    /** RFC 8785 §3.2.2.2: ECMAScript's JSON.stringify escaping, and well-formed UTF-16 only. */
    private static void writeString(String text, String path, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        throw new CanonicalJsonException(path, "has a lone surrogate U+"
                                + Integer.toHexString(c).toUpperCase() + " at index " + i + "; I-JSON strings are valid Unicode");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static String number(JsonNode value, String path) {
        if (value.isIntegralNumber()) {
            BigInteger integer = value.bigIntegerValue();
            if (integer.abs().compareTo(MAX_EXACT_INTEGER) <= 0) {
                return integer.toString();
            }
            double asDouble = integer.doubleValue();
            // beyond 2^53 only integers that are exactly a double have a JCS form; others would change value
            if (Double.isInfinite(asDouble) || !new BigDecimal(asDouble).toBigInteger().equals(integer)) {
                throw new CanonicalJsonException(path, "is the integer " + integer + ", which no IEEE 754 double"
                        + " holds exactly; I-JSON asks for such numbers to be sent as strings");
            }
            return serializeNumber(asDouble, path);
        }
        return serializeNumber(value.doubleValue(), path);
    }

    /**
     * ECMAScript Number::toString (ECMA-262 §6.1.6.1.20) for a finite double, as RFC 8785 §3.2.2.3 asks:
     * the shortest decimal that reads back as the same double, written plainly between 1e-7 and 1e21
     * and in exponent form outside.
     *
     * @throws CanonicalJsonException for NaN and the infinities, which JSON cannot hold
     */
    public static String serializeNumber(double value) {
        return serializeNumber(value, "");
    }

    private static String serializeNumber(double value, String path) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new CanonicalJsonException(path, "is " + value + ", which JSON cannot hold");
        }
        if (value == 0) {
            return "0"; // negative zero too
        }
        BigDecimal shortest = shortestDecimal(Math.abs(value));
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        int n = k - shortest.scale(); // value = 0.digits × 10^n
        StringBuilder out = new StringBuilder(value < 0 ? "-" : "");
        if (k <= n && n <= 21) {
            out.append(digits).append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            int exponent = n - 1;
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            out.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
        }
        return out.toString();
    }

    /**
     * The decimal with the fewest significant digits that reads back as {@code value} (positive, finite),
     * the one nearest to {@code value} when two qualify. Java's own Double.toString is not it: before
     * JDK 19 it is sometimes longer, and since then it prefers two digits (4.9E-324, where JCS wants 5e-324).
     */
    private static BigDecimal shortestDecimal(double value) {
        BigDecimal exact = new BigDecimal(value);
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal below = exact.round(new MathContext(precision, RoundingMode.FLOOR));
            BigDecimal above = exact.round(new MathContext(precision, RoundingMode.CEILING));
            boolean belowFits = below.doubleValue() == value;
            boolean aboveFits = above.doubleValue() == value;
            if (belowFits || aboveFits) {
                BigDecimal chosen;
                if (belowFits && aboveFits) {
                    int nearer = exact.subtract(below).compareTo(above.subtract(exact));
                    chosen = nearer < 0 || (nearer == 0 && isEven(below)) ? below : above;
                } else {
                    chosen = belowFits ? below : above;
                }
                return chosen.stripTrailingZeros();
            }
        }
        throw new IllegalStateException("17 significant digits always identify a double, yet not " + value);
    }

    private static boolean isEven(BigDecimal decimal) {
        return !decimal.unscaledValue().testBit(0);
    }
}
