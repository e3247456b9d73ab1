package dev.auraxium.testkit;

/**
 * Which real Event Streaming Service a {@link FakeEssServer} plays. The live service comes in more
 * than one flavour: Daybreak's own server ({@code wss://push.planetside2.com/streaming}) and the
 * Nanite Systems drop-in replacement ({@code wss://push.nanite-systems.net/streaming}, "NSS").
 * Both answer the same commands with the same message shapes, but they differ in details a client
 * must not depend on. A client that passes its tests against every flavour is far more likely to
 * hold against the live services. Choose one with {@link FakeEssServer.Builder#flavour(EssFlavour)};
 * {@link #DAYBREAK} is the default.
 *
 * <p>What is the same in every flavour: the connect sequence ({@code connectionStateChanged}, the
 * help prompt, one {@code serviceStateChanged} per endpoint of the connection's environment), the
 * additive subscription model, the matching of events to subscriptions, the 30 s heartbeat
 * period, and the endpoint names: PC {@code EventServerEndpoint_Connery_1}, {@code _Miller_10},
 * {@code _Cobalt_13}, {@code _Emerald_17}, {@code _Jaeger_19}, {@code _Soltech_40} (lower-case
 * "t", as every captured heartbeat spells it, although the world's display name is "SolTech");
 * {@code ps2ps4us}: {@code EventServerEndpoint_Genudine_1000}; {@code ps2ps4eu}:
 * {@code EventServerEndpoint_Ceres_2000}. A connection is told only about the endpoints of its own
 * environment. (The PS4 names are those the NSS server sends; what Daybreak's server calls them is
 * not known, and one public client types them the other way round, {@code
 * EventServerEndpoint_2000_Ceres}. Clients should parse both forms.)
 *
 * <p>What differs, point by point, is documented on each constant. Where the real behaviour is not
 * known, the constant says so and says what the fake does instead; a test that passes against the
 * fake proves nothing about those points.
 *
 * <p>Immutable and thread-safe, like every enum.
 */
public enum EssFlavour {
    /**
     * Daybreak's own server, {@code push.planetside2.com}. The default.
     * <ul>
     *   <li><b>A character set holding {@code "all"} in a subscription reply:</b> listed in full,
     *       {@code "characters":["all","5428011263300000001"]}. Unknown on the real server: replies
     *       captured from it in 2016 and 2017 show {@code characterCount} for explicit ids and
     *       {@code ["all"]} for a set holding only {@code all}, but no capture shows the two mixed.
     *       Without {@code all} (and without {@code list_characters}) the reply counts:
     *       {@code "characterCount":2}. With {@code list_characters} the set is listed in full.</li>
     *   <li><b>Order of lists in replies:</b> reordered. A reply captured in 2016 answered worlds
     *       sent as {@code 1,9,10,11,…} with {@code 1,1001,19,11,…}. The real order looks like a
     *       hash order and could not be reproduced; the fake uses a fixed order of its own that
     *       depends only on the elements, neither the order they were sent in nor sorted. Clients
     *       must compare reply lists as sets, never by position.</li>
     *   <li><b>Environments:</b> {@code ps2}, {@code ps2ps4us} and {@code ps2ps4eu}, one per
     *       connection. {@code environment=all} is refused with HTTP 403, the answer the server
     *       gives an environment it does not know (an assumption: nobody has reported what it
     *       does with {@code all}). A missing {@code environment} is refused the same way.</li>
     *   <li><b>First heartbeat:</b> each backend node sends its heartbeats at a phase of its own,
     *       so a new connection gets its first heartbeat anywhere within the first interval (30 s),
     *       and then one every interval. The fake is one node: its phase is drawn at random when
     *       it starts unless {@link FakeEssServer.Builder#heartbeatPhase(java.time.Duration)} sets
     *       it, and {@link FakeEssServer#heartbeatPhase()} tells which one it drew, so a run can be
     *       repeated. That the phase is per node is inferred from clients that tell nodes apart by
     *       it; the exact behaviour is not documented.</li>
     *   <li><b>Heartbeat key order:</b> the {@code online} endpoints sorted by name, as in every
     *       heartbeat captured from Daybreak's server; top-level keys alphabetical, {@code online,
     *       service, timestamp, type}, like its other messages. Where Daybreak puts
     *       {@code timestamp} (added in 2023) is not known.</li>
     *   <li><b>List limits and bad types:</b> not known (nothing documents Daybreak's limits). The
     *       fake sets no limit on list or set sizes and reads booleans leniently: JSON
     *       {@code true}/{@code false}, the strings {@code "true"}/{@code "false"} (both shown to
     *       work against the real server), and also {@code "1"}/{@code "0"}.</li>
     * </ul>
     */
    DAYBREAK,

    /**
     * The Nanite Systems server, {@code push.nanite-systems.net}, as its public source code
     * implements it and as captures taken through it in 2024 show.
     * <ul>
     *   <li><b>A character set holding {@code "all"} in a subscription reply:</b> always the
     *       literal {@code "characters":["all"]}, whatever else the set holds. The same when the
     *       request had {@code list_characters} true, even for a set without {@code all}: the ids
     *       are never listed. Otherwise {@code "characterCount"}.</li>
     *   <li><b>Order of lists in replies:</b> the order the elements were first added (insertion
     *       order). Clients should still not rely on it, since Daybreak's server reorders.</li>
     *   <li><b>Environments:</b> {@code ps2}, {@code ps2ps4us}, {@code ps2ps4eu} and also
     *       {@code environment=all}, which carries PC and PS4 worlds, events and endpoints on one
     *       connection (as a capture from 2024 shows: about one event in thirteen was on world
     *       1000). A missing {@code environment} means {@code ps2}.</li>
     *   <li><b>First heartbeat:</b> 5 s after connecting, then every interval. With a shorter
     *       {@link FakeEssServer.Builder#heartbeatInterval(java.time.Duration) interval} the fake
     *       keeps the proportion: one sixth of an interval, at most 5 s.</li>
     *   <li><b>Heartbeat key order:</b> {@code online, timestamp, service, type}; the
     *       {@code online} endpoints in world order (Connery 1 first, Ceres 2000 last), as in the
     *       2024 capture.</li>
     *   <li><b>List limits and bad types:</b> a {@code subscribe} or {@code clearSubscribe}
     *       holding a list of more than 500 entries, a list that is not a JSON array, or a boolean
     *       field ({@code logicalAndCharactersWithWorlds}, {@code list_characters}, {@code all})
     *       that is neither a JSON boolean nor the string {@code "true"}/{@code "false"}, such as
     *       {@code "1"} or {@code "0"}, is ignored as a whole: nothing changes and there is no
     *       reply. Each of the three sets holds at most 500 entries; further additions are dropped
     *       silently. (NSS also takes {@code "TRUE"} and other cases; the fake ignores those.)</li>
     * </ul>
     * Not modelled: NSS turns ids sent as JSON numbers into JavaScript numbers, which loses digits
     * of 19-digit character ids; the fake keeps them exact.
     */
    NSS
}
