/**
 * The demo departments: four databases the hub integrates, simulated in one PostgreSQL server
 * for the demo run and for tests.
 * <ul>
 *   <li>{@link org.proofhub.hub.demo.DemoDepartmentSeeder} prepares a server as the departments'
 *       DBAs would (databases, schemas from {@code demo/<db>/schema.sql}, the {@code hub_cdc} role,
 *       {@code hub_publication}) and loads each empty department once.</li>
 *   <li>{@link org.proofhub.hub.demo.DemoWorld} is the data: deterministic from a seed, with a
 *       small share of deliberately dirty rows listed in {@code _demo_defect} and of business
 *       licences disagreeing with the legal-person register listed in {@code _demo_conflict}.</li>
 *   <li>{@link org.proofhub.hub.demo.LiveChangeSimulator} keeps the departments changing while the
 *       hub runs.</li>
 *   <li>{@link org.proofhub.hub.demo.LicenceFileExporter} is the licence department's own NDJSON
 *       export, standing in for the CDC that department cannot offer.</li>
 * </ul>
 * All names and numbers are synthetic; identifiers carry valid check characters unless spoiled
 * on purpose.
 */
package org.proofhub.hub.demo;
