package org.proofhub.hub.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cases from RFC 8785 itself: §3.2.2/§3.2.3 sample, §3.2.3 sorting sample, Appendix B number table. */
class CanonicalJsonTest {

    @Test
    void rfc8785SampleDocument() {
        String input = """
                {
                  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
                  "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
                  "literals": [null, true, false]
                }""";
        String expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";

        assertThat(CanonicalJson.canonicalize(CanonicalJson.parse(input))).isEqualTo(expected);
        assertThat(CanonicalJson.canonicalBytes(CanonicalJson.parse(input)))
                .isEqualTo(expected.getBytes(StandardCharsets.UTF_8))
                .startsWith(0x7b, 0x22, 0x6c, 0x69, 0x74, 0x65, 0x72, 0x61, 0x6c, 0x73, 0x22, 0x3a);
    }

    @Test
    void rfc8785SortingSampleOrdersMembersByUtf16CodeUnits() {
        String input = """
                {
                  "\\u20ac": "Euro Sign",
                  "\\r": "Carriage Return",
                  "\\ufb33": "Hebrew Letter Dalet With Dagesh",
                  "1": "One",
                  "\\ud83d\\ude00": "Emoji: Grinning Face",
                  "\\u0080": "Control",
                  "\\u00f6": "Latin Small Letter O With Diaeresis"
                }""";

        assertThat(CanonicalJson.canonicalize(CanonicalJson.parse(input))).isEqualTo("{"
                + "\"\\r\":\"Carriage Return\","
                + "\"1\":\"One\","
                + "\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\","
                + "\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\","
                + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "0000000000000000, 0",
            "8000000000000000, 0",
            "0000000000000001, 5e-324",
            "8000000000000001, -5e-324",
            "7fefffffffffffff, 1.7976931348623157e+308",
            "ffefffffffffffff, -1.7976931348623157e+308",
            "4340000000000000, 9007199254740992",
            "c340000000000000, -9007199254740992",
            "4430000000000000, 295147905179352830000",
            "44b52d02c7e14af5, 9.999999999999997e+22",
            "44b52d02c7e14af6, 1e+23",
            "44b52d02c7e14af7, 1.0000000000000001e+23",
            "444b1ae4d6e2ef4e, 999999999999999700000",
            "444b1ae4d6e2ef4f, 999999999999999900000",
            "444b1ae4d6e2ef50, 1e+21",
            "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
            "3eb0c6f7a0b5ed8d, 0.000001",
            "41b3de4355555553, 333333333.3333332",
            "41b3de4355555554, 333333333.33333325",
            "41b3de4355555555, 333333333.3333333",
            "41b3de4355555556, 333333333.3333334",
            "41b3de4355555557, 333333333.33333343",
            "becbf647612f3696, -0.0000033333333333333333",
            "43143ff3c1cb0959, 1424953923781206.2",
    })
    void rfc8785AppendixBNumbers(String ieee754, String expected) {
        double value = Double.longBitsToDouble(Long.parseUnsignedLong(ieee754, 16));

        assertThat(CanonicalJson.serializeNumber(value)).isEqualTo(expected);
        assertThat(CanonicalJson.canonicalize(JsonNodeFactory.instance.numberNode(value))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"7fffffffffffffff", "7ff0000000000000", "fff0000000000000"})
    void nanAndInfinitiesHaveNoCanonicalForm(String ieee754) {
        double value = Double.longBitsToDouble(Long.parseUnsignedLong(ieee754, 16));

        assertThatThrownBy(() -> CanonicalJson.serializeNumber(value)).isInstanceOf(CanonicalJsonException.class);
    }

    @Test
    void integersAreExactUpTo2Pow53AndBeyondOnlyWhenADoubleHoldsThem() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;

        assertThat(CanonicalJson.canonicalize(nodes.numberNode(-42))).isEqualTo("-42");
        assertThat(CanonicalJson.canonicalize(nodes.numberNode(9007199254740992L))).isEqualTo("9007199254740992");
        assertThat(CanonicalJson.canonicalize(nodes.numberNode(BigInteger.TWO.pow(70)))).isEqualTo("1.1805916207174113e+21");
        ObjectNode tooPrecise = nodes.objectNode().put("serial", 9007199254740993L);
        assertThatThrownBy(() -> CanonicalJson.canonicalize(tooPrecise))
                .isInstanceOfSatisfying(CanonicalJsonException.class, e -> assertThat(e.path()).isEqualTo("/serial"))
                .hasMessageContaining("as strings");
    }

    @Test
    void controlCharactersAreEscapedInLowerCaseHexAndOtherCharactersKeptAsTheyAre() {
        assertThat(CanonicalJson.canonicalize(JsonNodeFactory.instance.textNode("\u0001\t\u001f\u007f</script>\u2028é")))
                .isEqualTo("\"\\u0001\\t\\u001f\u007f</script>\u2028é\"");
    }

    @Test
    void loneSurrogatesAndDuplicateMembersAreNotIJson() {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        object.putArray("names").add("ok").add("\ud800");

        assertThatThrownBy(() -> CanonicalJson.canonicalize(object))
                .isInstanceOfSatisfying(CanonicalJsonException.class, e -> assertThat(e.path()).isEqualTo("/names/1"))
                .hasMessageContaining("lone surrogate");
        assertThatThrownBy(() -> CanonicalJson.parse("{\"a\":1,\"a\":2}"))
                .isInstanceOf(CanonicalJsonException.class).hasMessageContaining("Duplicate");
    }

    @Test
    void nestedValuesAreCanonicalAtEveryDepthWithoutWhitespace() {
        assertThat(CanonicalJson.canonicalize(CanonicalJson.parse(
                "{ \"b\" : [ 1.0 , { \"z\" : false , \"a\" : -0.0 } ] , \"a\" : { } , \"\" : [ ] }")))
                .isEqualTo("{\"\":[],\"a\":{},\"b\":[1,{\"a\":0,\"z\":false}]}");
    }
}
