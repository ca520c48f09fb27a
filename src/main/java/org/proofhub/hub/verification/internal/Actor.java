package org.proofhub.hub.verification.internal;

import org.proofhub.hub.account.HubUser;

/** Who did something to a request, from where: a person through the API, a department's system over JMS, or a timer. */
record Actor(String name, String unit, Channel channel) {

    static final Actor TIMER = new Actor("hub", null, Channel.TIMER);
    static final Actor HUB = new Actor("hub", null, Channel.HUB);

    enum Channel { REST, JMS, TIMER, HUB }

    static Actor of(HubUser user) {
        return new Actor(user.username(), user.unitCode(), Channel.REST);
    }
}
