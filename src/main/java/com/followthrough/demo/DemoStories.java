package com.followthrough.demo;

import static com.followthrough.demo.DemoStory.AfterResolution.CONFIRMS;
import static com.followthrough.demo.DemoStory.AfterResolution.REOPENS;
import static com.followthrough.demo.DemoStory.AfterResolution.STAYS_QUIET;

import java.text.Normalizer;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import com.followthrough.demo.DemoStory.AfterResolution;
import com.followthrough.demo.DemoStory.ForTheSupervisor;
import com.followthrough.demo.DemoStory.LastChance;
import com.followthrough.demo.DemoStory.Path;
import com.followthrough.demo.DemoStory.Reimbursement;
import com.followthrough.vocabulary.Channel;
import com.followthrough.vocabulary.Language;
import com.followthrough.vocabulary.Plan;
import com.followthrough.vocabulary.Priority;

/**
 * Decides the stories of the demo history from a seeded {@link Random}: the same seed and size give the same mix, on
 * whatever day it runs (the opening times come from a random of their own). The oldest cases tell one story of each
 * kind, so even a small history shows every path (over a few weeks they have closed, and their survey window has
 * passed, by now); the rest are drawn by weight, except for the newest three, which leave today's work to the
 * supervisor.
 */
final class DemoStories {

    private static final List<String> ENGLISH_FIRST = List.of("Jane", "Oliver", "Priya", "Tom", "Grace", "Samuel",
            "Aisha", "Liam", "Emily", "Noah", "Chloe", "Daniel", "Fatima", "George", "Hannah", "Isaac", "Mei", "Ryan",
            "Sophie", "Victor", "Zoe", "Marcus", "Olivia", "Ethan");
    private static final List<String> ENGLISH_LAST = List.of("Doe", "Patel", "Walker", "O'Brien", "Nguyen", "Hughes",
            "Khan", "Thompson", "Carter", "Murphy", "Bennett", "Reyes", "Evans", "Foster", "Lewis", "Campbell", "Ward",
            "Mitchell", "Sato", "Adeyemi");
    private static final List<String> GERMAN_FIRST = List.of("Erika", "Lukas", "Sophie", "Jan", "Lea", "Maximilian",
            "Hannah", "Felix", "Marie", "Paul", "Laura", "Tobias", "Katrin", "Jürgen", "Aylin", "Stefan", "Mia", "Florian",
            "Sabine", "Mehmet");
    private static final List<String> GERMAN_LAST = List.of("Mustermann", "Schmidt", "Müller", "Weber", "Fischer",
            "Wagner", "Becker", "Hoffmann", "Schulz", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Yılmaz",
            "Braun", "Zimmermann", "Krüger", "Hartmann");
    private static final List<String> MAIL_DOMAINS = List.of("example.com", "example.org", "example.net");

    private final Random random;
    private final Random times;
    private final Instant until;
    private final int weeks;
    private final ZoneId zone;

    /** {@code zone}: the support team's ({@code follow-through.support.time-zone}), whose office hours are kept. */
    DemoStories(long seed, Instant until, int weeks, ZoneId zone) {
        this.random = new Random(seed);
        this.times = new Random(~seed);
        this.until = until;
        this.weeks = weeks;
        this.zone = zone;
    }

    /** The stories, oldest first. */
    List<DemoStory> draw(int size) {
        // Some came in over the last two days: today's work, at every stage, in Tasklist and Cockpit.
        int recent = Math.min(size, Math.max(2, size / 25));
        List<Instant> opened = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            opened.add(openingTime(i < size - recent ? weeks * 7 : 2));
        }
        opened.sort(Comparator.naturalOrder());
        List<DemoStory> stories = new ArrayList<>();
        int forTheSupervisor = size >= ONE_OF_EACH.size() + TODAYS_SUPERVISOR_WORK.size() ? TODAYS_SUPERVISOR_WORK.size() : 0;
        for (int i = 0; i < size - forTheSupervisor; i++) {
            stories.add(i < ONE_OF_EACH.size() ? ONE_OF_EACH.get(i).tell(this, opened.get(i)) : drawn(opened.get(i)));
        }
        for (int i = 0; i < forTheSupervisor; i++) {
            stories.add(waitingForTheSupervisor(TODAYS_SUPERVISOR_WORK.get(i), i));
        }
        stories.sort(Comparator.comparing(DemoStory::openedAt));
        return stories;
    }

    // --- today's work for the supervisor ------------------------------------------------------------------------------

    private static final List<ForTheSupervisor> TODAYS_SUPERVISOR_WORK =
            List.of(ForTheSupervisor.PROMISE_AT_RISK, ForTheSupervisor.APPROVAL, ForTheSupervisor.LAST_CHANCE);

    /**
     * A call taken in the last office hours at least three hours ago, played in minutes up to the supervisor's task,
     * which stays open: a promise at risk (the callback fell due today, see {@link #promisedCallbackNowAtRisk}), an
     * approval (due within the approval window of working hours) or a last-chance call after a poor rating (due within
     * the last-chance window).
     */
    private DemoStory waitingForTheSupervisor(ForTheSupervisor work, int nth) {
        Instant at = lastOfficeMomentBefore(until.minus(Duration.ofHours(3)).minus(Duration.ofMinutes(20L * nth)));
        DemoStory story = switch (work) {
            case PROMISE_AT_RISK -> story(at, Path.CALLBACK_BROKEN, false, false, CONFIRMS, Reimbursement.NONE, false,
                    null, LastChance.STAYS);
            case APPROVAL -> story(at, Path.SOLVED_AT_FIRST_CONTACT, false, false, CONFIRMS, Reimbursement.APPROVED,
                    false, null, LastChance.STAYS);
            case LAST_CHANCE -> story(at, Path.SOLVED_AT_FIRST_CONTACT, false, false, CONFIRMS, Reimbursement.NONE,
                    false, 1, LastChance.STAYS);
            case NOTHING -> throw new IllegalArgumentException("no work for the supervisor");
        };
        DemoCustomer customer = story.customer();
        // A caller on the enterprise plan: the agent works the case at once, at any hour.
        DemoCustomer caller = new DemoCustomer(customer.name(), customer.email(), customer.phone(), Plan.ENTERPRISE.id(),
                customer.language(), Channel.PHONE.id(), customer.priority(), customer.problem());
        Instant callbackAt = work == ForTheSupervisor.PROMISE_AT_RISK ? promisedCallbackNowAtRisk(at) : null;
        return new DemoStory(at, caller, story.path(), false, false, CONFIRMS, story.reimbursement(), false,
                story.faultParty(), story.customerCost(), story.rating(), story.lastChance(), work, callbackAt);
    }

    /**
     * When the promise at risk was due: 20 minutes before the start, so the callback is late when the supervisor looks,
     * but on the start's own day (a start in the first 20 minutes after midnight has it due half way between midnight
     * and the start), so that it is today's work; and at least an hour after the call that promised it.
     */
    private Instant promisedCallbackNowAtRisk(Instant called) {
        Instant midnight = until.atZone(zone).truncatedTo(ChronoUnit.DAYS).toInstant();
        Instant halfWayFromMidnight = midnight.plus(Duration.between(midnight, until).dividedBy(2));
        return Collections.max(List.of(until.minus(Duration.ofMinutes(20)), halfWayFromMidnight,
                called.plus(Duration.ofHours(1))));
    }

    /**
     * The latest moment not after {@code at} when the office is open (Monday to Saturday, 08:00 to 18:00, in the
     * support team's zone).
     */
    private Instant lastOfficeMomentBefore(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        while (local.getDayOfWeek() == DayOfWeek.SUNDAY || local.getHour() < 8 || local.getHour() >= 18) {
            local = local.getHour() >= 18 && local.getDayOfWeek() != DayOfWeek.SUNDAY
                    ? local.withHour(17).withMinute(30)
                    : local.minusDays(1).withHour(17).withMinute(30);
        }
        return local.toInstant();
    }

    // --- one of each kind ---------------------------------------------------------------------------------------------

    private record Kind(Path path, boolean firstResponseLate, boolean writesIn, AfterResolution afterResolution,
                        Reimbursement reimbursement, boolean discountRequested, Integer rating, LastChance lastChance) {

        DemoStory tell(DemoStories stories, Instant at) {
            return stories.story(at, path, firstResponseLate, writesIn, afterResolution, reimbursement,
                    discountRequested, rating, lastChance);
        }
    }

    private static final List<Kind> ONE_OF_EACH = List.of(
            new Kind(Path.SOLVED_AT_FIRST_CONTACT, false, false, CONFIRMS, Reimbursement.WITHIN_AUTHORITY, false, 5, null),
            new Kind(Path.SPECIALIST, false, false, CONFIRMS, Reimbursement.APPROVED, false, 4, null),
            new Kind(Path.CALLBACK_KEPT, false, true, CONFIRMS, Reimbursement.NONE, false, 3, null),
            new Kind(Path.CALLBACK_BROKEN, false, false, CONFIRMS, Reimbursement.DECLINED, false, 2, LastChance.STAYS),
            new Kind(Path.VOICEMAIL_THEN_RETRY, false, false, STAYS_QUIET, Reimbursement.NONE, false, 1, LastChance.LEAVES),
            new Kind(Path.VOICEMAIL_THEN_CUSTOMER_CALLS, false, false, CONFIRMS, Reimbursement.APPROVAL_OVERDUE, false, 2,
                    LastChance.NO_ANSWER),
            new Kind(Path.SECOND_PROMISE, false, false, REOPENS, Reimbursement.NONE, false, null, null),
            new Kind(Path.SPECIALIST_THEN_CALLBACK, false, false, CONFIRMS, Reimbursement.NONE, true, 4, null),
            new Kind(Path.SOLVED_AT_FIRST_CONTACT, true, false, CONFIRMS, Reimbursement.NONE, false, 5, null),
            new Kind(Path.NO_ANSWER_FROM_CUSTOMER, false, false, STAYS_QUIET, Reimbursement.NONE, false, null, null),
            new Kind(Path.NO_ANSWER_FROM_CUSTOMER, false, false, CONFIRMS, Reimbursement.NONE, false, 4, null),
            new Kind(Path.CANCELLED_AS_DUPLICATE, false, false, CONFIRMS, Reimbursement.NONE, false, null, null),
            // Solved at the first contact, but the solution did not hold: the customer reopens, and it is solved again.
            new Kind(Path.SOLVED_AT_FIRST_CONTACT, false, false, REOPENS, Reimbursement.NONE, false, 3, null));

    // --- drawn by weight ----------------------------------------------------------------------------------------------

    private DemoStory drawn(Instant at) {
        // Customers who never answer and cases cancelled are one of each kind only, not drawn.
        Path path = pick(Path.values(), 30, 12, 6, 18, 8, 6, 3, 5, 0, 0);
        Reimbursement reimbursement = pick(Reimbursement.values(), 70, 14, 8, 3, 5);
        Integer rating = pick(new Integer[] {null, 5, 4, 3, 2, 1}, 20, 35, 22, 10, 8, 5);
        if (rating != null && path == Path.CALLBACK_BROKEN) {
            rating = Math.max(1, rating - 1 - random.nextInt(2));
        }
        return story(at, path, chance(6), chance(15), pick(AfterResolution.values(), 70, 20, 10), reimbursement,
                reimbursement == Reimbursement.NONE && chance(10), rating, pick(LastChance.values(), 55, 25, 20));
    }

    private DemoStory story(Instant at, Path path, boolean firstResponseLate, boolean writesIn,
                            AfterResolution afterResolution, Reimbursement reimbursement, boolean discountRequested,
                            Integer rating, LastChance lastChance) {
        String faultParty = switch (reimbursement) {
            case NONE -> discountRequested ? pick(new String[] {"customer", "thirdParty"}, 60, 40)
                    : pick(new String[] {"customer", "thirdParty", "unknown", "company"}, 35, 25, 15, 25);
            default -> "company";
        };
        double cost = switch (reimbursement) {
            case NONE -> 0;
            case WITHIN_AUTHORITY -> 15 + random.nextInt(17) * 5;
            default -> 120 + random.nextInt(34) * 10;
        };
        return new DemoStory(at, customer(path, firstResponseLate, at), path, firstResponseLate, writesIn,
                afterResolution, reimbursement, discountRequested, faultParty, cost, rating,
                lastChance == null ? LastChance.STAYS : lastChance, ForTheSupervisor.NOTHING, null);
    }

    private DemoCustomer customer(Path path, boolean firstResponseLate, Instant at) {
        boolean german = chance(40);
        String first = any(german ? GERMAN_FIRST : ENGLISH_FIRST);
        String last = any(german ? GERMAN_LAST : ENGLISH_LAST);
        String plan = pick(Plan.values(), 50, 35, 15).id();
        // A late first response is a written request nobody picked up in time; a caller is heard at once.
        String channel = firstResponseLate ? pick(new Channel[] {Channel.EMAIL, Channel.WEB}, 70, 30).id()
                : pick(Channel.values(), 35, 40, 15, 10).id();
        String priority = pick(Priority.values(), 15, 55, 22, 8).id();
        // Fictional numbers: +1 555 01xx (North America) and +49 30 23125 xxx (Berlin) are reserved for drama.
        String phone = german ? "+49 30 23125 %03d".formatted(random.nextInt(1000))
                : "+1 555 01%02d".formatted(random.nextInt(100));
        String email = (ascii(first) + "." + ascii(last) + "@" + any(MAIL_DOMAINS)).toLowerCase(Locale.ROOT);
        return new DemoCustomer(first + " " + last, email, phone, plan, (german ? Language.DE : Language.EN).id(), channel, priority,
                any(german ? DemoProblem.GERMAN : DemoProblem.ENGLISH));
    }

    /** A time in the last days when a customer got in touch: in office hours, rarely on a weekend. */
    private Instant openingTime(int daysBack) {
        while (true) {
            ZonedDateTime day = until.atZone(zone).minusDays(times.nextInt(daysBack));
            ZonedDateTime at = day.withHour(8).withMinute(0).withSecond(0).withNano(0)
                    .plusMinutes(times.nextInt(10 * 60));
            boolean fewerOnWeekends = at.getDayOfWeek() == DayOfWeek.SUNDAY && times.nextInt(100) >= 15
                    || at.getDayOfWeek() == DayOfWeek.SATURDAY && times.nextInt(100) >= 40;
            if (fewerOnWeekends) {
                continue;
            }
            if (at.toInstant().isBefore(until)) {
                return at.toInstant();
            }
        }
    }

    private static String ascii(String name) {
        return Normalizer.normalize(name.replace("ß", "ss").replace("ı", "i"), Normalizer.Form.NFD)
                .replaceAll("[^A-Za-z]", "");
    }

    boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    private <T> T any(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private <T> T pick(T[] values, int... weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int draw = random.nextInt(total);
        for (int i = 0; i < values.length; i++) {
            draw -= weights[i];
            if (draw < 0) {
                return values[i];
            }
        }
        throw new IllegalArgumentException("weights do not match the values");
    }
}
