package org.proofhub.hub.bench.cdc;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.proofhub.hub.ingest.check.CitizenIds;

/**
 * Synthetic RK_JBXX rows that pass every check of {@code population-person}: valid citizen IDs with
 * their GB 11643 check character, birth date and sex consistent with the ID, known codes. The area
 * code 659001 is not the demo city's (350100), so bench people never collide with seeded ones.
 */
final class BenchPersons {
    static final String TABLE = "RK_JBXX";
    static final List<String> COLUMNS = List.of("RKBH", "GMSFHM", "XM", "XBDM", "MZDM", "CSRQ", "HH", "YHZGXDM",
            "HJDZ_XZQHDM", "HJDZ", "DJJG", "RYZTDM", "GXSJ");

    private static final String AREA = "659001";
    private static final LocalDate FIRST_BIRTH = LocalDate.of(1950, 1, 1);
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String[] SURNAMES = {"赵", "钱", "孙", "李", "周", "吴", "郑", "王"};
    private static final String[] GIVEN = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    private static final String[] RELATIONS = {"02", "10", "20", "30"};

    /** One bench person: the primary key, the canonical key and the row's values in {@link #COLUMNS} order. */
    record Person(String rkbh, String citizenId, Object[] values) {
    }

    private long next;

    synchronized Person next() {
        long seq = next++;
        LocalDate birth = FIRST_BIRTH.plusDays(seq / 1000);
        int order = (int) (seq % 1000);
        String body = AREA + YYYYMMDD.format(birth) + String.format("%03d", order);
        String citizenId = body + CitizenIds.checkCharacter(body);
        long household = seq / RELATIONS.length;
        String name = SURNAMES[(int) (seq % SURNAMES.length)] + GIVEN[(int) (seq / 8 % GIVEN.length)] + GIVEN[(int) (seq / 80 % GIVEN.length)];
        String rkbh = String.format("BENCH%010d", seq);
        Object[] values = {rkbh, citizenId, name, order % 2 == 1 ? "1" : "2", "01", YYYYMMDD.format(birth),
            "BH" + household, RELATIONS[(int) (seq % RELATIONS.length)], AREA, address(household, "北泉路"),
            "石河子市公安局北泉派出所", "0", LocalDateTime.now()};
        return new Person(rkbh, citizenId, values);
    }

    List<Person> next(int count) {
        List<Person> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(next());
        }
        return out;
    }

    /** The address of a person who moved to {@code street}: a change the canonical record must show. */
    static String movedTo(Person p, String street) {
        return address(Long.parseLong(p.rkbh().substring(5)), street);
    }

    private static String address(long number, String street) {
        return "新疆维吾尔自治区石河子市" + street + number + "号";
    }
}
