package dev.auraxium.internal.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.auraxium.event.Event;
import dev.auraxium.internal.command.ReceivedCommand;
import dev.auraxium.protocol.ClearSubscribe;
import dev.auraxium.protocol.ClientCommand;
import dev.auraxium.protocol.ConnectionStateChanged;
import dev.auraxium.protocol.Echo;
import dev.auraxium.protocol.EssDecodeException;
import dev.auraxium.protocol.EssMessage;
import dev.auraxium.protocol.Heartbeat;
import dev.auraxium.protocol.Help;
import dev.auraxium.protocol.HelpPrompt;
import dev.auraxium.protocol.HelpReply;
import dev.auraxium.protocol.RawMessage;
import dev.auraxium.protocol.RecentCharacterIds;
import dev.auraxium.protocol.RecentCharacterIdsCount;
import dev.auraxium.protocol.RecentCharacterIdsReply;
import dev.auraxium.protocol.ServiceMessage;
import dev.auraxium.protocol.ServiceStateChanged;
import dev.auraxium.protocol.Subscribe;
import dev.auraxium.protocol.SubscriptionReply;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Streaming decoder of ESS frames (Jackson's {@link JsonParser}, no tree and no map for known
 * events). Classification follows the table in docs/protocol.md, "What the server sends"; see
 * {@code EssCodec}.
 */
public final class EssDecoder {
    /** Longest frame accepted, in chars: far above any real frame, far below what hurts. */
    public static final int MAX_FRAME_CHARS = 8 * 1024 * 1024;
    /** ESS frames nest three levels deep; echo payloads a little more. */
    static final int MAX_DEPTH = 32;

    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_FRAME_CHARS)
                    .maxNumberLength(64)
                    .build())
            .build();

    /** Per-thread scratch, reused for every frame: decoding a known event allocates no holder. */
    private static final ThreadLocal<Frame> FRAMES = ThreadLocal.withInitial(Frame::new);

    private EssDecoder() {
    }

    /** Decodes a whole frame. */
    public static EssMessage decode(String text) {
        Frame f = FRAMES.get();
        check(text);
        f.reset();
        if (EventFrameScanner.scan(text, f)) { // nearly every live frame
            return serviceMessage(f.slots, text);
        }
        return decodeGeneral(text, f);
    }

    /** Decodes a frame a client sent, with the facts of how its command was written: see {@link ReceivedCommand}. */
    public static Optional<ReceivedCommand> decodeReceived(String text) {
        EssMessage m = decode(text);
        // Only the general decoder makes commands, so this thread's frame holds what it read of this one.
        Frame f = FRAMES.get();
        return m instanceof ClientCommand c
                ? Optional.of(new ReceivedCommand(c, "event".equals(f.service), Optional.ofNullable(f.numericFlag)))
                : Optional.empty();
    }

    /** The event of a frame's filled slots, with the fields it was built without. */
    private static ServiceMessage serviceMessage(PayloadSlots slots, String text) {
        Event e = EventAssembler.assemble(slots, text, false);
        return slots.invalid == 0 ? new ServiceMessage(e) : new ServiceMessage(e, slots.invalidFields());
    }

    /** Decodes any frame with Jackson: every shape, every error message. */
    static EssMessage decodeGeneral(String text, Frame f) {
        parseObject(text, f, EssDecoder::readFrame);
        return classify(text, f, f.slots);
    }

    /** The general decoder alone, bypassing the fast path: for tests that compare the two. */
    static EssMessage decodeGeneral(String text) {
        return decodeGeneral(text, FRAMES.get());
    }

    /** Whether the fast path takes this frame: for tests. */
    static boolean takesFastPath(String text) {
        Frame f = FRAMES.get();
        f.reset();
        return text != null && !text.isEmpty() && text.length() <= MAX_FRAME_CHARS && EventFrameScanner.scan(text, f);
    }

    /** Decodes a bare payload object. */
    public static Event decodePayload(String text) {
        Frame f = FRAMES.get();
        PayloadSlots slots = f.slots;
        parseObject(text, f, (p, frame) -> frame.slots.read(p));
        if (!slots.has(PayloadSlots.EVENT_NAME)) {
            throw fail("payload has no event_name", text, null);
        }
        return EventAssembler.assemble(slots, text, true);
    }

    /** Reads the members of one object, positioned on its START_OBJECT. */
    @FunctionalInterface
    private interface ObjectBody {
        void read(JsonParser p, Frame f) throws IOException;
    }

    /** Parses {@code text} as exactly one JSON object, mapping every failure to a decode error. */
    private static void parseObject(String text, Frame f, ObjectBody body) {
        check(text);
        f.reset();
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw fail(first == null ? "no JSON value" : "not a JSON object (starts with " + describe(first) + ")",
                        text, null);
            }
            body.read(p, f);
            if (p.nextToken() != null) {
                throw fail("trailing content after the JSON object", text, null);
            }
        } catch (EssDecodeException e) {
            throw e;
        } catch (StreamConstraintsException e) {
            throw fail("frame exceeds a limit: " + e.getOriginalMessage(), text, e);
        } catch (IOException e) {
            throw fail("malformed JSON: " + originalMessage(e), text, e);
        }
    }

    private static void check(String text) {
        if (text == null) {
            throw new EssDecodeException("null frame", null, null);
        }
        if (text.isEmpty()) {
            throw new EssDecodeException("empty frame", text, null);
        }
        if (text.length() > MAX_FRAME_CHARS) {
            throw new EssDecodeException("frame of " + text.length() + " chars exceeds the limit of "
                    + MAX_FRAME_CHARS, text, null);
        }
    }

    /** Everything a frame's top level may hold; most frames fill two or three of these. */
    static final class Frame {
        /** Frames up to this size reuse one character buffer per thread. */
        private static final int KEPT_CHARS = 64 * 1024;
        /** The payload's slots: one per thread too, reset with the frame. */
        final PayloadSlots slots = new PayloadSlots();
        private char[] chars = new char[1024];
        String service;
        String type;
        boolean hasPayload;
        boolean payloadIsObject;
        String connected;
        String detail;
        String onlineText;
        Map<String, Boolean> onlineMap;
        Long timestamp;
        boolean hasSubscription;
        SubscriptionFields subscription;
        boolean helpPrompt;
        boolean helpReply;
        String action;
        List<String> eventNames;
        List<String> characters;
        List<String> worlds;
        Boolean logicalAnd;
        Boolean listCharacters;
        Boolean all;
        /** The first of a command's flags written as 1 or 0 rather than true or false, e.g. {@code all is "1"}. */
        String numericFlag;
        String badReason;

        /** A buffer for {@code n} characters: this thread's own, or a one-off for a huge frame. */
        char[] chars(int n) {
            if (n > KEPT_CHARS) {
                return new char[n];
            }
            if (chars.length < n) {
                chars = new char[Math.min(KEPT_CHARS, Math.max(n, chars.length * 2))];
            }
            return chars;
        }

        void reset() {
            slots.reset();
            service = null;
            type = null;
            hasPayload = false;
            payloadIsObject = false;
            connected = null;
            detail = null;
            onlineText = null;
            onlineMap = null;
            timestamp = null;
            hasSubscription = false;
            subscription = null;
            helpPrompt = false;
            helpReply = false;
            action = null;
            eventNames = null;
            characters = null;
            worlds = null;
            logicalAnd = null;
            listCharacters = null;
            all = null;
            numericFlag = null;
            badReason = null;
        }
    }

    static final class SubscriptionFields {
        List<String> characters;
        Integer characterCount;
        List<String> eventNames;
        Boolean logicalAnd;
        List<String> worlds;
    }

    private static void readFrame(JsonParser p, Frame f) throws IOException {
        PayloadSlots slots = f.slots;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "payload" -> {
                    f.hasPayload = true;
                    if (v == JsonToken.START_OBJECT) {
                        f.payloadIsObject = true;
                        slots.read(p);
                    } else {
                        p.skipChildren();
                    }
                }
                case "service" -> f.service = known(p, v, SERVICES);
                case "type" -> f.type = known(p, v, TYPES);
                case "connected" -> f.connected = scalar(p, v);
                case "detail" -> f.detail = scalar(p, v);
                case "online" -> {
                    if (v == JsonToken.START_OBJECT) {
                        f.onlineMap = readBoolMap(p, f);
                    } else {
                        f.onlineText = scalar(p, v);
                    }
                }
                case "timestamp" -> {
                    String s = scalar(p, v);
                    f.timestamp = s == null ? null : parseLongOrNull(s);
                    if (s != null && f.timestamp == null) {
                        f.badReason = "timestamp is not a number: " + abbreviate(s);
                    }
                }
                case "subscription" -> {
                    f.hasSubscription = true;
                    if (v == JsonToken.START_OBJECT) {
                        f.subscription = readSubscription(p, f);
                    } else {
                        p.skipChildren();
                        f.badReason = "subscription is not an object";
                    }
                }
                case "send this for help" -> {
                    f.helpPrompt = true;
                    p.skipChildren();
                }
                case "example event service message payloads", "example messages to event service" -> {
                    f.helpReply = true;
                    p.skipChildren();
                }
                case "action" -> f.action = scalar(p, v);
                case "eventNames" -> f.eventNames = readStringList(p, v, f, "eventNames");
                case "characters" -> f.characters = readStringList(p, v, f, "characters");
                case "worlds" -> f.worlds = readStringList(p, v, f, "worlds");
                case "logicalAndCharactersWithWorlds" -> f.logicalAnd = readFlag(p, v, f, name);
                case "list_characters" -> f.listCharacters = readFlag(p, v, f, name);
                case "all" -> f.all = readFlag(p, v, f, name);
                default -> p.skipChildren();
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw new IOException("unexpected token " + t);
        }
    }

    private static EssMessage classify(String text, Frame f, PayloadSlots slots) {
        boolean event = "event".equals(f.service);
        if (f.type != null && "push".equals(f.service) && "connectionStateChanged".equals(f.type)) {
            Boolean c = f.connected == null ? null : parseBool(f.connected);
            if (c == null) {
                throw fail(f.connected == null ? "connectionStateChanged without connected"
                        : "connected is not a boolean: " + abbreviate(f.connected), text, null);
            }
            return new ConnectionStateChanged(c);
        }
        if (event && "heartbeat".equals(f.type)) {
            if (f.badReason != null) {
                throw fail(f.badReason, text, null);
            }
            if (f.onlineMap == null) {
                throw fail("heartbeat without an online object", text, null);
            }
            return new Heartbeat(f.onlineMap, Optional.ofNullable(f.timestamp).map(EssDecoder::instant));
        }
        if (event && "serviceStateChanged".equals(f.type)) {
            if (f.detail == null) {
                throw fail("serviceStateChanged without detail", text, null);
            }
            Boolean online = f.onlineText == null ? null : parseBool(f.onlineText);
            if (online == null) {
                throw fail("serviceStateChanged online is not a boolean", text, null);
            }
            if (Chars.hasLoneSurrogate(f.detail)) {
                throw fail("detail has an unpaired UTF-16 surrogate", text, null);
            }
            return new ServiceStateChanged(f.detail, online);
        }
        if (event && "serviceMessage".equals(f.type) && f.hasPayload) {
            if (!f.payloadIsObject) {
                throw fail("serviceMessage payload is not an object", text, null);
            }
            if (slots.has(PayloadSlots.EVENT_NAME)) {
                return serviceMessage(slots, text);
            }
            if (slots.has(PayloadSlots.RECENT_COUNT) || slots.has(PayloadSlots.RECENT_LIST)) {
                return recentReply(slots, text);
            }
            throw fail("payload has no event_name", text, null);
        }
        if (f.hasSubscription) {
            if (f.badReason != null) {
                throw fail(f.badReason, text, null);
            }
            SubscriptionFields s = f.subscription;
            return new SubscriptionReply(Optional.ofNullable(s.characters),
                    s.characterCount == null ? OptionalInt.empty() : OptionalInt.of(s.characterCount),
                    s.eventNames == null ? List.of() : s.eventNames, Optional.ofNullable(s.logicalAnd),
                    s.worlds == null ? List.of() : s.worlds);
        }
        if (f.helpPrompt) {
            return new HelpPrompt();
        }
        if (f.helpReply) {
            return new HelpReply(checkedRaw(text));
        }
        if (f.action != null && (f.service == null || event)) {
            EssMessage command = command(text, f);
            if (command != null) {
                return command;
            }
        }
        return new RawMessage(checkedRaw(text));
    }

    private static EssMessage command(String text, Frame f) {
        switch (f.action) {
            case Subscribe.ACTION -> {
                if (f.badReason != null) {
                    throw fail(f.badReason, text, null);
                }
                return new Subscribe(Optional.ofNullable(f.eventNames), Optional.ofNullable(f.characters),
                        Optional.ofNullable(f.worlds), Optional.ofNullable(f.logicalAnd),
                        Optional.ofNullable(f.listCharacters));
            }
            case ClearSubscribe.ACTION -> {
                if (f.badReason != null) {
                    throw fail(f.badReason, text, null);
                }
                return new ClearSubscribe(Boolean.TRUE.equals(f.all), Optional.ofNullable(f.eventNames),
                        Optional.ofNullable(f.characters), Optional.ofNullable(f.worlds),
                        Optional.ofNullable(f.logicalAnd));
            }
            case Echo.ACTION -> {
                if (!f.payloadIsObject) {
                    throw fail("echo without a payload object", text, null);
                }
                return new Echo(checkedRaw(Trees.payloadJson(text)));
            }
            case Help.ACTION -> {
                return new Help();
            }
            case RecentCharacterIds.ACTION -> {
                return new RecentCharacterIds();
            }
            case RecentCharacterIdsCount.ACTION -> {
                return new RecentCharacterIdsCount();
            }
            default -> {
                return null;
            }
        }
    }

    private static RecentCharacterIdsReply recentReply(PayloadSlots slots, String text) {
        if (slots.isBad(PayloadSlots.RECENT_COUNT) || slots.isBad(PayloadSlots.RECENT_LIST)) {
            int s = slots.isBad(PayloadSlots.RECENT_COUNT) ? PayloadSlots.RECENT_COUNT : PayloadSlots.RECENT_LIST;
            throw fail(PayloadSlots.NAMES[s] + " is not valid: " + slots.badValues[s], text, null);
        }
        List<Long> list = slots.recentList;
        long count = slots.has(PayloadSlots.RECENT_COUNT) ? slots.nums[PayloadSlots.RECENT_COUNT]
                : list.size();
        if (count < 0 || count > Integer.MAX_VALUE) {
            throw fail("recent_character_id_count out of range: " + count, text, null);
        }
        return new RecentCharacterIdsReply((int) count, Optional.ofNullable(list));
    }

    private static String checkedRaw(String raw) {
        if (Chars.hasLoneSurrogate(raw)) {
            throw fail("text has an unpaired UTF-16 surrogate", raw, null);
        }
        return raw;
    }

    /** The envelope's values, returned as constants so that a frame's envelope allocates no String. */
    private static final Chars.Names SERVICES = Chars.Names.of("event", "push");
    private static final Chars.Names TYPES = Chars.Names.of("serviceMessage", "heartbeat", "serviceStateChanged",
            "connectionStateChanged");

    /** {@link #scalar}, but a string equal to one of {@code constants} is returned as that constant. */
    private static String known(JsonParser p, JsonToken v, Chars.Names constants) throws IOException {
        if (v == JsonToken.VALUE_STRING) {
            int i = constants.indexOf(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            if (i >= 0) {
                return constants.values()[i];
            }
        }
        return scalar(p, v);
    }

    private static String scalar(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
            p.skipChildren();
            return null;
        }
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        return p.getText();
    }

    private static Map<String, Boolean> readBoolMap(JsonParser p, Frame f) throws IOException {
        Map<String, Boolean> out = new LinkedHashMap<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            Boolean b = readBool(p, v, f, "online." + key);
            if (Chars.hasLoneSurrogate(key)) {
                f.badReason = "endpoint name has an unpaired UTF-16 surrogate";
            } else if (b != null) {
                out.put(key, b);
            }
        }
        return out;
    }

    private static SubscriptionFields readSubscription(JsonParser p, Frame f) throws IOException {
        SubscriptionFields s = new SubscriptionFields();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "characters" -> s.characters = readStringList(p, v, f, "subscription.characters");
                case "characterCount", "charactersCount" -> {
                    String c = scalar(p, v);
                    Long n = c == null ? null : parseLongOrNull(c);
                    if (n == null || n < 0 || n > Integer.MAX_VALUE) {
                        f.badReason = name + " is not a count: " + abbreviate(String.valueOf(c));
                    } else {
                        s.characterCount = n.intValue();
                    }
                }
                case "eventNames" -> s.eventNames = readStringList(p, v, f, "subscription.eventNames");
                case "worlds" -> s.worlds = readStringList(p, v, f, "subscription.worlds");
                case "logicalAndCharactersWithWorlds" -> s.logicalAnd = readBool(p, v, f, name);
                default -> p.skipChildren();
            }
        }
        return s;
    }

    private static List<String> readStringList(JsonParser p, JsonToken v, Frame f, String what) throws IOException {
        if (v != JsonToken.START_ARRAY) {
            p.skipChildren();
            f.badReason = what + " is not an array";
            return null;
        }
        List<String> out = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT) {
                String s = p.getText();
                if (Chars.hasLoneSurrogate(s)) {
                    f.badReason = what + " has an element with an unpaired UTF-16 surrogate";
                } else {
                    out.add(s);
                }
            } else {
                p.skipChildren();
                f.badReason = what + " has an element that is not a string";
            }
        }
        return out;
    }

    private static Boolean readBool(JsonParser p, JsonToken v, Frame f, String what) throws IOException {
        if (v == JsonToken.VALUE_TRUE) {
            return Boolean.TRUE;
        }
        if (v == JsonToken.VALUE_FALSE) {
            return Boolean.FALSE;
        }
        String s = scalar(p, v);
        Boolean b = s == null ? null : parseBool(s);
        if (b == null) {
            f.badReason = what + " is not a boolean: " + abbreviate(String.valueOf(s));
        }
        return b;
    }

    /** A command's flag, read as by {@link #readBool}; the first one written as 1 or 0 is noted in the frame. */
    private static Boolean readFlag(JsonParser p, JsonToken v, Frame f, String name) throws IOException {
        Boolean b = readBool(p, v, f, name);
        if (b != null && f.numericFlag == null && v != JsonToken.VALUE_TRUE && v != JsonToken.VALUE_FALSE
                && !"true".equals(p.getText()) && !"false".equals(p.getText())) {
            f.numericFlag = name + " is " + (v == JsonToken.VALUE_STRING ? '"' + p.getText() + '"' : p.getText());
        }
        return b;
    }

    static Boolean parseBool(String s) {
        return switch (s) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static Long parseLongOrNull(String s) {
        long r = PayloadSlots.parseLong(s.toCharArray(), 0, s.length());
        return r == Long.MIN_VALUE ? null : r;
    }

    static Instant instant(long seconds) {
        try {
            return Instant.ofEpochSecond(seconds);
        } catch (DateTimeException e) {
            return null;
        }
    }

    static EssDecodeException fail(String reason, String text, Throwable cause) {
        return new EssDecodeException(reason, text, cause);
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? '"' + s + '"' : '"' + s.substring(0, 40) + "…\"";
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.name();
        };
    }

    private static String originalMessage(IOException e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
            String m = j.getOriginalMessage();
            int nl = m.indexOf('\n');
            return nl > 0 ? m.substring(0, nl) : m;
        }
        return String.valueOf(e.getMessage());
    }
}
