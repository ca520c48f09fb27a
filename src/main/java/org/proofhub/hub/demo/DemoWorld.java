package org.proofhub.hub.demo;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.proofhub.hub.demo.Codes.District;
import org.proofhub.hub.demo.Rows.CreditRecord;
import org.proofhub.hub.demo.Rows.Enterprise;
import org.proofhub.hub.demo.Rows.Household;
import org.proofhub.hub.demo.Rows.Licence;
import org.proofhub.hub.demo.Rows.Person;
import org.proofhub.hub.demo.Rows.Rating;
import org.proofhub.hub.demo.Rows.Subject;

/**
 * The synthetic contents of the four department databases, made deterministically from a seed
 * and a {@link DemoSize}. Persons live in households in Fuzhou's urban districts; enterprises
 * are represented by persons of the population; credit records, ratings and licences refer to
 * existing persons and enterprises. About 1% of each main table (at least five rows) is spoiled
 * on purpose and listed in {@code _demo_defect}; about 2% of business licences show an old name
 * or legal representative, listed in {@code _demo_conflict}.
 */
public final class DemoWorld {

    /** The day the world is generated "as of": no date lies after it, so a seed always gives the same data. */
    public static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);

    private final long seed;
    private final DemoSize size;
    private final Map<DemoDepartment, List<DemoTable>> tables;

    private DemoWorld(long seed, DemoSize size, Map<DemoDepartment, List<DemoTable>> tables) {
        this.seed = seed;
        this.size = size;
        this.tables = tables;
    }

    public static DemoWorld generate(long seed, DemoSize size) {
        return new Generation(seed, size).run();
    }

    public long seed() {
        return seed;
    }

    public DemoSize size() {
        return size;
    }

    /** The department's tables in load order: its main table first, then the others and the demo bookkeeping. */
    public List<DemoTable> tables(DemoDepartment department) {
        return tables.get(department);
    }

    /** One generation run; its state is the world under construction. */
    private static final class Generation {
        private final long seed;
        private final DemoSize size;
        private final Synth synth;
        private final Set<String> used = new HashSet<>();
        private final Predicate<String> taken = value -> !used.add(value);
        private final Map<String, Integer> serials = new HashMap<>();
        private final Map<DemoDepartment, List<DemoTable>> tables = new EnumMap<>(DemoDepartment.class);

        private final List<Person> persons = new ArrayList<>();
        private final List<Person> cleanAdults = new ArrayList<>();
        private final List<Enterprise> cleanEnterprises = new ArrayList<>();

        Generation(long seed, DemoSize size) {
            this.seed = seed;
            this.size = size;
            this.synth = new Synth(seed);
        }

        DemoWorld run() {
            population();
            legalPersons();
            credit();
            licences();
            tables.replaceAll((department, list) -> List.copyOf(list));
            return new DemoWorld(seed, size, Collections.unmodifiableMap(tables));
        }

        private void population() {
            int households = 0;
            while (persons.size() < size.persons()) {
                District district = synth.district();
                household(synth.household(district.code() + String.format("%09d", ++households), district));
            }
            List<Object[]> rows = persons.stream().map(Person::values).toList();
            Defects.Injected injected = Defects.inject(Rows.PERSON_TABLE, Rows.PERSON_COLUMNS, rows, synth, i -> true);
            for (int i = 0; i < persons.size(); i++) {
                Person p = persons.get(i);
                if (!injected.dirtyRows().contains(i) && Codes.ALIVE.equals(p.status()) && age(p) >= 18) {
                    cleanAdults.add(p);
                }
            }
            put(DemoDepartment.POPULATION, Rows.PERSON_TABLE, Rows.PERSON_COLUMNS, rows, injected.defectRows());
        }

        private void household(Household h) {
            String ethnicGroup = synth.ethnicGroup();
            boolean headMale = synth.chance(0.7);
            int headAge = synth.between(22, 85);
            String headSurname = synth.surname();
            add(h, Codes.HEAD, headSurname, headMale, headAge, ethnicGroup);
            boolean married = synth.chance(0.8);
            String spouseSurname = synth.surname();
            int spouseAge = Math.max(20, headAge + synth.between(-5, 5));
            if (married) {
                add(h, "10", spouseSurname, !headMale, spouseAge, synth.ethnicGroup());
            }
            String childSurname = headMale || !married ? headSurname : spouseSurname;
            int motherAge = !headMale ? headAge : married ? spouseAge : -1;
            int roll = synth.between(1, 100);
            int children = motherAge < 0 ? 0 : roll <= 20 ? 0 : roll <= 65 ? 1 : roll <= 95 ? 2 : 3;
            for (int c = 0; c < children; c++) {
                int age = motherAge - synth.between(22, 35);
                boolean son = synth.chance(0.5);
                if (age >= 0) {
                    add(h, son ? "20" : "30", childSurname, son, age, ethnicGroup);
                }
            }
            if (headAge <= 55 && synth.chance(0.15)) {
                boolean father = synth.chance(0.5);
                add(h, father ? "51" : "52", father && headMale ? headSurname : synth.surname(), father,
                        Math.min(95, headAge + synth.between(24, 32)), ethnicGroup);
            }
            if (synth.chance(0.03)) {
                boolean male = synth.chance(0.5);
                add(h, "99", synth.surname(), male, synth.between(18, 70), synth.ethnicGroup());
            }
        }

        private void add(Household h, String relation, String surname, boolean male, int age, String ethnicGroup) {
            if (persons.size() >= size.persons()) {
                return;
            }
            LocalDate birth = AS_OF.minusYears(age).minusDays(synth.between(0, 364));
            boolean bornHere = age < 18 || synth.chance(0.75);
            String birthArea = bornHere ? h.areaCode() : synth.pick(Codes.OTHER_BIRTH_AREAS);
            String status = Codes.ALIVE;
            if (!Codes.HEAD.equals(relation)) {
                status = age > 70 && synth.chance(0.08) ? "1" : synth.chance(0.015) ? "2" : synth.chance(0.003) ? "3"
                        : Codes.ALIVE;
            }
            LocalDate since = birth.isAfter(LocalDate.of(2012, 1, 1)) ? birth : LocalDate.of(2012, 1, 1);
            String rkbh = "RK" + Codes.CITY_CODE + String.format("%06d", persons.size() + 1);
            persons.add(synth.person(rkbh, h, relation, surname, male, birth, birthArea, ethnicGroup, status,
                    synth.timeOn(synth.dateBetween(since, AS_OF)), taken));
        }

        private void legalPersons() {
            Predicate<String> nameTaken = name -> !used.add("name:" + name);
            List<Enterprise> enterprises = new ArrayList<>();
            for (long id = 1; id <= size.legalEntities(); id++) {
                LocalDate established = synth.establishedOn(AS_OF);
                enterprises.add(synth.enterprise(id, synth.enterpriseType(), established, synth.regStatus(),
                        synth.pick(cleanAdults).name().strip(),
                        synth.officeTimeOn(synth.dateBetween(established, AS_OF)), taken, nameTaken));
            }
            List<Object[]> rows = enterprises.stream().map(Enterprise::values).toList();
            Defects.Injected injected = Defects.inject(Rows.ENTERPRISE_TABLE, Rows.ENTERPRISE_COLUMNS, rows, synth,
                    i -> true);
            for (int i = 0; i < enterprises.size(); i++) {
                if (!injected.dirtyRows().contains(i)) {
                    cleanEnterprises.add(enterprises.get(i));
                }
            }
            put(DemoDepartment.LEGAL_PERSON, Rows.ENTERPRISE_TABLE, Rows.ENTERPRISE_COLUMNS, rows,
                    injected.defectRows());
        }

        private void credit() {
            List<Subject> subjects = new ArrayList<>();
            cleanAdults.forEach(p -> subjects.add(Subject.of(p)));
            cleanEnterprises.forEach(e -> subjects.add(Subject.of(e)));
            Collections.shuffle(subjects, synth.random);
            int withRecords = Math.max(20, (int) Math.round((size.persons() + size.legalEntities()) * 0.05));
            List<CreditRecord> records = new ArrayList<>();
            Map<String, List<CreditRecord>> bySubject = new LinkedHashMap<>();
            for (Subject s : subjects.subList(0, withRecords)) {
                int count = synth.chance(0.6) ? 1 : synth.chance(0.75) ? 2 : 3;
                for (int i = 0; i < count; i++) {
                    CreditRecord r = synth.creditRecord(records.size() + 1, s,
                            synth.dateBetween(AS_OF.minusYears(5), AS_OF), AS_OF);
                    records.add(r);
                    bySubject.computeIfAbsent(s.id(), k -> new ArrayList<>()).add(r);
                }
            }
            List<Rating> ratings = new ArrayList<>();
            for (Subject s : subjects) {
                List<CreditRecord> own = bySubject.get(s.id());
                double share = "2".equals(s.type()) ? 0.4 : 0.15;
                if (own != null || synth.chance(share)) {
                    ratings.add(new Rating(s.id(), s.type(), s.name(), grade(own),
                            synth.dateBetween(AS_OF.minusYears(1), AS_OF)));
                }
            }
            List<Object[]> recordRows = records.stream().map(CreditRecord::values).toList();
            List<Object[]> ratingRows = ratings.stream().map(Rating::values).toList();
            List<Object[]> defects = new ArrayList<>(Defects.inject(Rows.CREDIT_RECORD_TABLE,
                    Rows.CREDIT_RECORD_COLUMNS, recordRows, synth, i -> true).defectRows());
            defects.addAll(Defects.inject(Rows.RATING_TABLE, Rows.RATING_COLUMNS, ratingRows, synth, i -> true)
                    .defectRows());
            put(DemoDepartment.CREDIT, Rows.CREDIT_RECORD_TABLE, Rows.CREDIT_RECORD_COLUMNS, recordRows, defects);
            table(DemoDepartment.CREDIT, Rows.RATING_TABLE, Rows.RATING_COLUMNS, ratingRows);
        }

        private String grade(List<CreditRecord> records) {
            if (records == null) {
                return synth.chance(0.85) ? "A" : "B";
            }
            List<CreditRecord> open = records.stream().filter(r -> "0".equals(r.repairStatus())).toList();
            if (open.stream().anyMatch(r -> "3".equals(r.severity()))) {
                return "D";
            }
            return open.isEmpty() ? "B" : "C";
        }

        private void licences() {
            Synth.Serials serialsInWorld = (type, issuer, year) -> serials.merge(type + issuer + year, 1, Integer::sum);
            List<Licence> licences = new ArrayList<>();
            List<Object[]> conflicts = new ArrayList<>();
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < cleanEnterprises.size(); i++) {
                order.add(i);
            }
            Collections.shuffle(order, synth.random);
            Set<Integer> conflicting = new HashSet<>(order.subList(0,
                    Math.max(1, (int) Math.round(cleanEnterprises.size() * 0.02))));
            for (int i = 0; i < cleanEnterprises.size(); i++) {
                Enterprise e = cleanEnterprises.get(i);
                LocalDate lastTenYears = AS_OF.minusYears(10);
                Licence yyzz = synth.yyzz(e, synth.dateBetween(later(e.established(), lastTenYears), AS_OF),
                        serialsInWorld);
                licences.add(yyzz);
                if (conflicting.contains(i)) {
                    conflicts.add(conflict(yyzz, e, conflicts.size()));
                }
                Synth.Industry industry = Synth.industryOf(e);
                boolean operating = Codes.OPERATING.equals(e.status());
                LocalDate recent = later(e.established(), AS_OF.minusYears(5).plusDays(1));
                if (operating && industry.food() && synth.chance(0.8)) {
                    licences.add(synth.spjy(e, synth.dateBetween(recent, AS_OF), serialsInWorld));
                }
                if (operating && industry.construction() && synth.chance(0.7)) {
                    licences.add(synth.jzzz(e, synth.dateBetween(recent, AS_OF), serialsInWorld));
                }
            }
            for (Person p : cleanAdults) {
                int age = age(p);
                if (age <= 75 && synth.chance(0.25)) {
                    LocalDate from = later(p.birthDate().plusYears(18), AS_OF.minusYears(10));
                    licences.add(synth.jsz(p, synth.dateBetween(from, AS_OF), serialsInWorld));
                }
                if (age >= 23 && age <= 60 && synth.chance(0.02)) {
                    licences.add(synth.jszg(p, synth.dateBetween(p.birthDate().plusYears(22), AS_OF), serialsInWorld));
                }
                if (age >= 25 && age <= 65 && synth.chance(0.012)) {
                    licences.add(synth.yszg(p, synth.dateBetween(p.birthDate().plusYears(24), AS_OF), serialsInWorld));
                }
            }
            List<Object[]> rows = licences.stream().map(Licence::values).toList();
            // only personal licences are spoiled, so every clean enterprise keeps a clean business licence
            Defects.Injected injected = Defects.inject(Rows.LICENCE_TABLE, Rows.LICENCE_COLUMNS, rows, synth,
                    i -> "P".equals(licences.get(i).holderType()));
            put(DemoDepartment.LICENCE, Rows.LICENCE_TABLE, Rows.LICENCE_COLUMNS, rows, injected.defectRows());
            table(DemoDepartment.LICENCE, Rows.CONFLICT_TABLE, Rows.CONFLICT_COLUMNS, conflicts);
        }

        /** Makes the licence show what the enterprise was before; alternately its name and its representative. */
        private Object[] conflict(Licence yyzz, Enterprise e, int n) {
            String field;
            if (n % 2 == 0) {
                field = "enterpriseName";
                yyzz.surface().put(field, Synth.formerName(e.name().strip()));
            } else {
                field = "legalRepresentative";
                String former;
                do {
                    former = synth.pick(cleanAdults).name().strip();
                } while (former.equals(e.legalRep()));
                yyzz.surface().put(field, former);
            }
            return new Object[] {Rows.LICENCE_TABLE, yyzz.docId().toString(), field,
                DemoDepartment.LEGAL_PERSON.databaseName() + "." + Rows.ENTERPRISE_TABLE + ":" + e.id()};
        }

        private void put(DemoDepartment department, String table, List<String> columns, List<Object[]> rows,
                         List<Object[]> defects) {
            table(department, table, columns, rows);
            table(department, Rows.DEFECT_TABLE, Rows.DEFECT_COLUMNS, defects);
        }

        private void table(DemoDepartment department, String name, List<String> columns, List<Object[]> rows) {
            List<List<Object>> values = rows.stream().map(r -> Collections.unmodifiableList(Arrays.asList(r))).toList();
            tables.computeIfAbsent(department, d -> new ArrayList<>()).add(new DemoTable(name, columns, values));
        }

        private static int age(Person p) {
            return Period.between(p.birthDate(), AS_OF).getYears();
        }

        private static LocalDate later(LocalDate a, LocalDate b) {
            return a.isAfter(b) ? a : b;
        }
    }
}
