//! The STAR check on short stories told the way people tell them, written for this
//! table and for no card: each of [`FAIR`] must pass every part of STAR, first person
//! and a number (length aside: they are short); each of [`UNFAIR`] must fail the one
//! part it names, with that part's feedback line.

use super::*;

/// Stories with a scene, a task, a first-person action and a measured result, in
/// varied words, none of them the template's labels.
const FAIR: &[&str] = &[
    "Last year at a logistics startup, our nightly import kept failing. I had to make it \
     reliable before the holiday rush. I traced the failures to a timeout, I split the import \
     into batches and added retries. Afterwards it ran 60 nights in a row without a failure.",
    "At my previous job I was the only engineer on billing. My manager asked me to cut invoice \
     errors before the audit. I wrote a reconciliation script and I reviewed every mismatch \
     with finance. Errors went from 120 a month to 4.",
    "We were migrating our search to a new cluster when the old one started dropping queries. \
     I needed to keep search up during the move. I set up dual writes and I switched traffic \
     over in 5% steps. Dropped queries fell to zero within two days.",
    "Two years ago I joined a team whose deploys took a whole afternoon. My job was to make \
     releases boring. I automated the smoke tests and I moved the rollout to a pipeline. By \
     the end of the quarter a deploy took 20 minutes.",
    "I was on call one Saturday when the payments queue backed up. I had to drain it before \
     the morning peak. I found a stuck consumer, restarted it and I throttled the producers. \
     The backlog of 40,000 messages cleared in an hour.",
    "In my first year at a bank, the fraud team waited three days for every report. The goal \
     was same-day reports. I rewrote the slowest query and I cached the reference data. Report \
     time dropped from 72 hours to 4.",
    "Back in 2021 our mobile app crashed on older phones. I was responsible for the release \
     that fixed it. I reproduced the crash on a borrowed device and I patched the image loader. \
     Crash-free sessions rose from 97% to 99.8%.",
    "During a product launch, the signup page slowed to a crawl. I owned the signup service, so \
     I profiled it under load and I removed a blocking call. Signups per minute doubled and \
     the page loaded in 300 ms.",
    "At my last company support tickets about exports piled up. The deadline was the end of \
     the month, when customers close their books. I talked to five customers, then I \
     redesigned the export screen. Export tickets were cut by half.",
    "A few months ago our data pipeline missed its morning deadline twice a week. I set out to \
     make it finish by 6 am. I measured each stage, I parallelised the two slowest and I \
     dropped an unused join. Since then it has finished by 5:30 every day.",
    "When I was at a retailer, the warehouse scanners lost their connection every afternoon. \
     I was asked to find out why. I logged the signal strength for a week and I spotted \
     interference from a new machine. After I moved two access points, dropouts went down to \
     one a week.",
    "One morning I noticed our error budget was almost gone. I needed to find what burned it. \
     I grouped the errors by endpoint and I fixed a retry bug in one client. Errors fell 80% \
     that week.",
    "My team maintained an internal wiki that nobody trusted. My role was to make it useful \
     again. I deleted 300 stale pages and I assigned an owner to each section. Within three \
     months the share of searches that found an answer increased from 40% to 75%.",
    "At the time I worked on a mobile game whose loading screen took 11 seconds. I wanted \
     players in the game faster. I shrank the textures, I deferred the sound assets and I \
     lazy-loaded the menus. Loading came down to 4 seconds.",
    "Last quarter a partner's API began rejecting a third of our requests. I had to keep \
     orders flowing. I spoke to their engineers and I built a queue that retried with \
     backoff. In the end every order went through, and rejections went from 33% to under 1%.",
    "I was the tech lead on a hospital scheduling tool, and nurses kept double-booking rooms. \
     The challenge was that a clash only showed after saving. I prototyped a live conflict \
     warning and I tested it with six nurses. Double bookings dropped from about 30 a week \
     to 2.",
    "We were about to launch in Japan, and our date formats were wrong on half the screens. I \
     needed to fix them before the launch date. I wrote a lint rule that caught hard-coded \
     formats and I fixed the 140 it found. We launched on time with no date bugs reported in \
     the first month.",
    "While I was at an insurance company, claims took nine days to approve. My goal was under \
     three. I mapped every step with the claims team, I removed two manual reviews and I \
     automated the rest. Approval time went from nine days to two.",
    "Last month the build cache for our monorepo kept missing. I was on call for the build \
     system, so the fix fell to me. I compared the cache keys and I found a timestamp in \
     them. I stripped it and the hit rate rose to 92%.",
    "At my current job the sales team exported reports by hand every Monday. I volunteered to \
     automate it. I wrote a small service that builds the reports overnight and emails them. \
     It saved the team about six hours a week.",
    "Three weeks ago a customer reported that their invoices showed the wrong tax. I was asked \
     to fix it without breaking the other 2,000 customers. I traced it to a rounding rule, I \
     added tests for each region, then I released the fix behind a flag. Since then no tax \
     complaints have come in.",
    "Our team of four supported a legacy reporting system nobody else understood. I took on \
     documenting it. I interviewed the two people who built it and I wrote runbooks for its \
     jobs. Months later, new hires handled its incidents on their own in their second week.",
    "Back then I ran the platform team's on-call rotation, and pages at night were burning \
     people out. I needed to halve them. I migrated our noisiest alarms to business-hours \
     tickets and I tuned twenty thresholds. Night pages fell from 12 a week to 3.",
];

/// The part a story in [`UNFAIR`] lacks.
#[derive(Debug, Clone, Copy)]
enum Lacks {
    Task,
    Action,
    Result,
    FirstPerson,
    Number,
}

/// Stories that must fail, each for the one clear reason it names.
const UNFAIR: &[(Lacks, &str)] = &[
    (
        Lacks::Result,
        "Last year our checkout was slow. I had to speed it up before the sale. I profiled the \
         code and I rewrote two queries. I also wrote a design note for the team about 3 other \
         ideas.",
    ),
    (
        Lacks::Result,
        "At my previous job I was asked to lead a migration to Kubernetes. I planned 12 \
         services in order, I wrote the manifests and I trained two colleagues on the tools.",
    ),
    (
        Lacks::Result,
        "Last month I was asked to bring down our cloud bill of 80,000 dollars. I listed the \
         biggest services and I proposed three changes to my manager, and next quarter I will \
         start on them.",
    ),
    (
        Lacks::FirstPerson,
        "Last year our team had to bring down cloud costs. We analysed the bill, we turned off \
         idle machines and we moved storage to a cheaper tier. Costs dropped by 30%.",
    ),
    (
        Lacks::FirstPerson,
        "Two years ago we were launching a new app. Our goal was a million downloads. We built \
         a referral programme, we ran ads and we fixed the onboarding; I helped with testing. \
         Downloads doubled in a month.",
    ),
    (
        Lacks::FirstPerson,
        "Back in 2020 our team owned the mobile app. We had to reduce crashes. We wrote crash \
         reports, we fixed the top ten issues, and our crash rate went from 2% to 0.5%.",
    ),
    (
        Lacks::Number,
        "At my last job the deploys were slow and fragile. My job was to make them safe. I built \
         a pipeline with automatic rollbacks and I wrote a checklist. As a result deploys became \
         faster and the team trusted them again.",
    ),
    (
        Lacks::Number,
        "When I was at a travel site, customers complained about search. I needed to understand \
         why. I read a few tickets, I talked to support and I rewrote the ranking. Complaints \
         dropped a lot afterwards.",
    ),
    (
        Lacks::Number,
        "My team ran the internal API gateway, and latency spikes annoyed everyone. I had to \
         find the cause. I traced a spike, I found a noisy neighbour and I moved our service to \
         its own hosts. Latency improved a great deal.",
    ),
    (
        Lacks::Action,
        "I was the owner of billing last year, and it double-charged some customers. My job was \
         to stop it. It was a bug in the retry logic, and the fix went out that week. Double \
         charges fell from 50 a week to zero.",
    ),
    (
        Lacks::Action,
        "At my previous company I was responsible for search. The challenge was slow queries. \
         There were many ideas and a lot of discussion about them. In the end latency was \
         reduced by 40%.",
    ),
    (
        Lacks::Task,
        "I worked at a bank for a while. It was an interesting place, with old systems and \
         kind people, and I liked the 20 minute walk to the office.",
    ),
];

fn star(answer: &str) -> LpCheck {
    LpCheck::of(answer, None, &Synonyms::general())
}

#[test]
fn stories_told_naturally_pass_every_part_of_star() {
    let mut unfair = Vec::new();
    for story in FAIR {
        let c = star(story);
        let ok = c.situation && c.task && c.action && c.result && c.first_person() && c.number;
        if !ok {
            unfair.push(format!("{story}\n  {:?}", c.feedback()));
        }
    }
    assert!(unfair.is_empty(), "marked down:\n{}", unfair.join("\n"));
}

#[test]
fn stories_missing_a_part_fail_it_and_say_which() {
    for (lacks, story) in UNFAIR {
        let c = star(story);
        let (failed, line) = match lacks {
            Lacks::Task => (!c.task, "Say what your task was"),
            Lacks::Action => (!c.action, "Say what you did"),
            Lacks::Result => (!c.result, "has no result"),
            Lacks::FirstPerson => (!c.first_person(), "\"we\""),
            Lacks::Number => (!c.number, "has no number"),
        };
        assert!(failed, "{lacks:?} not found missing in: {story}\n{c:?}");
        assert!(
            c.feedback().iter().any(|l| l.contains(line)),
            "{lacks:?}: no line with {line:?} in {:?}",
            c.feedback()
        );
    }
}

#[test]
fn i_and_a_past_tense_deed_is_an_action_but_not_a_want_or_a_part() {
    let deed = |s: &str| is_deed(&tokens(s));
    assert!(deed("I migrated the alarms."));
    assert!(deed("Then I quickly rewrote it."));
    assert!(deed("I shrank the images."));
    assert!(!deed("I wanted a green build."));
    assert!(!deed("I helped the team."));
    assert!(!deed("I was asked to fix it."));
    assert!(!deed("I did not change anything."));
    assert!(!deed("I would have deployed it."));
    assert!(!deed("We deployed it."));
}
