package org.proofhub.hub.demo;

/**
 * How big a demo world is: the number of registered persons and of legal entities. Credit
 * records, ratings and licences follow from these two.
 */
public record DemoSize(int persons, int legalEntities) {

    /** The size of the demo run: 10,000 persons and 2,000 enterprises. */
    public static final DemoSize DEFAULT = new DemoSize(10_000, 2_000);

    public DemoSize {
        // below these the fixed minimum of deliberately dirty rows would dominate the tables
        if (persons < 200 || legalEntities < 50) {
            throw new IllegalArgumentException("a demo world needs at least 200 persons and 50 legal entities, got "
                    + persons + " and " + legalEntities);
        }
    }
}
