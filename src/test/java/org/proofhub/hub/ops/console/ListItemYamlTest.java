package org.proofhub.hub.ops.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.catalog.Method;
import org.proofhub.hub.catalog.ServiceItem;
import org.proofhub.hub.platform.HubException;

/** A list item as the console shows it for editing (YAML like the list file's) and reads it back. */
class ListItemYamlTest {
    private static final ServiceItem ITEM = new ServiceItem("350100-MZ-0003", "高龄津贴申领", ServiceItem.Kind.COMMITMENT, "P10D",
            "SOCIAL_ASSISTANCE", "MZJ", List.of(new ServiceItem.Entry("household-registration", "GAJ", Method.DATA_QUERY,
            "《福建省老年人权益保障条例》第二十条", null)));

    @Test
    void anItemReadsBackAsItWasShown() {
        String yaml = ListConsoleController.yaml(ITEM);
        assertThat(yaml).contains("code: 350100-MZ-0003", "kind: COMMITMENT", "promisedLimit: P10D", "method: DATA_QUERY")
                .doesNotContain("commitment: null").doesNotStartWith("---");
        assertThat(ListConsoleController.item(yaml)).isEqualTo(ITEM);
    }

    @Test
    void textThatIsNoItemIsRefusedSayingWhere() {
        assertThatThrownBy(() -> ListConsoleController.item("code: 350100-MZ-0003\nkind: SOMETIMES\n"))
                .isInstanceOf(HubException.class).hasMessageContaining("line 2").hasMessageContaining("SOMETIMES");
        assertThatThrownBy(() -> ListConsoleController.item("code: [unclosed\n")).isInstanceOf(HubException.class)
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> ListConsoleController.item("code: X\nnmae: typo\n")).isInstanceOf(HubException.class)
                .hasMessageContaining("nmae");
        assertThatThrownBy(() -> ListConsoleController.item("  ")).isInstanceOf(HubException.class).hasMessageContaining("write the item");
    }

    @Test
    void anItemWithoutProofsHasAnEmptyListOfThem() {
        assertThat(ListConsoleController.item("code: X\nname: 事项\nkind: INSTANT\ndomain: D\nresponsibleUnit: MZJ\n").proofs()).isEmpty();
    }
}
