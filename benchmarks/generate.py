"""Generate a benchmark corpus of realistic journey maps for journeykit.

journeykit has to stay fast on real repositories: hundreds of maps of a few dozen
touchpoints each, and now and then one huge map. This script writes such a corpus so
that ``journeykit validate``, ``lint`` and ``coverage`` (and later rendering) can be timed and
profiled on inputs that look like the real thing rather than on toy files.

Every map is a ``kind: journey`` file that is valid against
``schemas/journeymap.schema.json`` and passes ``journeykit validate`` and ``journeykit lint``
without a finding, so a benchmark run measures the checking itself and not the reporting
of thousands of findings:

- 4 to 8 ordered stages (discovery, research, comparison, purchase, fulfilment,
  onboarding, usage, support, renewal, advocacy, departure), about one per six
  touchpoints; 2 to 5 personas; 4 to 8 channels (digital, physical, hybrid);
  3 to 6 teams;
- touchpoints spread over every stage, each with a channel, usually an owner (the rest
  fall back on ``defaults.touchpoint_owner``), analytics events, metrics that meet their
  targets, some service-blueprint lanes, and ``next`` edges that only go forward, so
  that every touchpoint is reachable from the first stage and only touchpoints of the
  last stage end the flow; a few deliberate ``loops_to`` edges back to earlier stages;
- one experience per persona and stage (tasks, questions, emotion, thoughts, evidence),
  with a pain point wherever the emotion is negative and an owned opportunity for
  every pain point; every evidence item is cited;
- interactions (about one per ten touchpoints) with all four trigger types, each
  with exactly the fields its type needs, on digital channels, aimed at personas who
  meet a touchpoint in that stage, never two with the same channel, stage and trigger,
  never two day-of-use messages on the same day, and each day-of-use message on a day
  the persona spends in its stage;
- evidence dated within the year before 2026-11-01 (at most ten months back), and
  ``updated: 2026-10-15``.

The text comes from word lists picked with a seeded ``random.Random``: the same
``(index, touchpoints, seed)`` always gives the same bytes. Only the standard library
is used; the YAML is written directly, with JSON-style double quotes where a plain
scalar would be ambiguous.

Usage::

    python benchmarks/generate.py OUTDIR --maps 500 --touchpoints 40 --seed 1
    python benchmarks/generate.py OUTDIR --single --touchpoints 1000

The first writes ``OUTDIR/map-0000.journey.yaml`` onwards, the second one large
``OUTDIR/big-1000.journey.yaml``. Both first delete the ``*.journey.yaml`` files already
in OUTDIR (``--no-clean`` keeps them, to put several sets in one directory).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

UPDATED = dt.date(2026, 10, 15)
"""The review date written into every map."""
REFERENCE_DATE = dt.date(2026, 11, 1)
"""Evidence is dated within the year before this day."""
SCHEMA_URL = "https://journeykit.dev/schemas/v1/journeymap.schema.json"
TRIGGER_TYPES = ("day_of_use", "behavior", "event", "schedule")


# --- word lists ------------------------------------------------------------------------------
#
# Text may use the placeholders {brand}, {item} and {task}; they are filled per map.


@dataclass(frozen=True)
class Domain:
    """A line of business: who the maps are about and what they sell."""

    brands: tuple[str, ...]
    items: tuple[str, ...]
    journeys: tuple[str, ...]
    tags: tuple[str, ...]


DOMAINS: tuple[Domain, ...] = (
    Domain(
        ("Northwind Outfitters", "Maple & Co", "Trailhead Supply"),
        ("rain jacket", "trail running shoes", "wool sweater", "hiking backpack", "camping stove"),
        ("First year with the app", "First online order", "Click and collect", "Returns and exchanges"),
        ("retail", "mobile", "e-commerce"),
    ),
    Domain(
        ("Brightwater Bank", "Fernhill Credit Union", "Ledgerly"),
        ("current account", "savings pot", "credit card", "overdraft", "mortgage in principle"),
        ("Opening an account", "The first 90 days", "Switching banks", "Card replacement"),
        ("banking", "fintech", "regulated"),
    ),
    Domain(
        ("Skyline Mobile", "Tidewave Broadband", "Kestrel Telecom"),
        ("SIM-only plan", "fibre broadband", "5G router", "roaming add-on", "phone upgrade"),
        ("Switching provider", "Broadband installation", "Contract renewal", "Moving home"),
        ("telecom", "subscription"),
    ),
    Domain(
        ("Harbor Mutual", "Cobalt Cover", "Oakleaf Insurance"),
        ("home insurance", "car insurance", "pet cover", "travel insurance"),
        ("Buying a policy", "Making a claim", "Renewal season"),
        ("insurance", "claims", "regulated"),
    ),
    Domain(
        ("FreshCart", "Basket & Barrow", "Greengage Grocers"),
        ("weekly shop", "meal kit", "fruit and veg box", "delivery pass"),
        ("First delivery", "The weekly shop", "Delivery pass subscription"),
        ("grocery", "delivery", "mobile"),
    ),
    Domain(
        ("Bluejay Air", "Compass Rail", "Seabird Ferries"),
        ("return ticket", "seat upgrade", "checked bag", "lounge pass", "season ticket"),
        ("Booking to boarding", "A disrupted trip", "Loyalty programme, first year"),
        ("travel", "loyalty"),
    ),
    Domain(
        ("Greenline Energy", "Ember Power", "Northstar Utilities"),
        ("smart meter", "fixed tariff", "heat pump", "solar export tariff"),
        ("Switching supplier", "Smart meter installation", "Moving out"),
        ("energy", "utilities", "regulated"),
    ),
    Domain(
        ("Pulse Gym", "Ridgeline Fitness", "Flowstate Studios"),
        ("monthly membership", "class pack", "personal training plan", "off-peak pass"),
        ("Joining the gym", "The first three months", "Cancelling a membership"),
        ("fitness", "membership"),
    ),
    Domain(
        ("Lumen TV", "Echo Music", "Reelhouse"),
        ("family plan", "ad-free tier", "sports add-on", "annual plan"),
        ("Trial to paid", "The first month", "Win-back"),
        ("streaming", "subscription", "mobile"),
    ),
)


@dataclass(frozen=True)
class PersonaSpec:
    id: str
    name: str
    description: str
    goals: tuple[str, ...]
    frustrations: tuple[str, ...]


PERSONAS: tuple[PersonaSpec, ...] = (
    PersonaSpec(
        "deal-hunter",
        "Deal hunter",
        "Price-driven, compares before buying and shops on the phone.",
        ("Pay less than anywhere else", "Never miss a promotion"),
        ("Hidden fees", "Offers that exclude existing customers"),
    ),
    PersonaSpec(
        "busy-parent",
        "Busy parent",
        "Juggles work and two children; buys in short bursts between other things.",
        ("Get it done in five minutes", "Avoid trips out with the children"),
        ("Long forms", "Delivery windows that take all day"),
    ),
    PersonaSpec(
        "first-timer",
        "First-timer",
        "Has never bought a {item} before and wants reassurance at every step.",
        ("Understand what they are paying for", "Avoid an expensive mistake"),
        ("Jargon", "Too many options at once"),
    ),
    PersonaSpec(
        "loyal-regular",
        "Loyal regular",
        "Has been with {brand} for years and expects that to count for something.",
        ("Be recognised as a long-standing customer", "Keep things working as they are"),
        ("New-customer deals they cannot get", "Changes without warning"),
    ),
    PersonaSpec(
        "small-business-owner",
        "Small business owner",
        "Buys for a business of five people; needs invoices and quick answers.",
        ("Get VAT invoices without asking", "Sort any problem in one call"),
        ("Processes designed only for consumers", "Support that closes at five"),
    ),
    PersonaSpec(
        "screen-reader-user",
        "Screen reader user",
        "Blind since birth; uses a screen reader on phone and laptop.",
        ("Complete every task without help", "Get letters in an accessible format"),
        ("Unlabelled buttons", "CAPTCHAs", "PDF-only letters"),
    ),
    PersonaSpec(
        "digital-sceptic",
        "Digital sceptic",
        "Prefers talking to a person and distrusts apps that hold payment details.",
        ("Speak to someone who knows", "Keep a paper trail"),
        ("Being pushed to the app", "Chatbots"),
    ),
    PersonaSpec(
        "student",
        "Student on a budget",
        "Price-sensitive, uses only a phone, moves address every year.",
        ("Keep monthly costs low", "Take the service along when moving"),
        ("Credit checks", "Long minimum terms"),
    ),
    PersonaSpec(
        "retiree",
        "Retired customer",
        "Has time to compare, values courtesy and clear letters.",
        ("Understand every bill", "Deal with the same person each time"),
        ("Small print", "Automated phone menus"),
    ),
    PersonaSpec(
        "frequent-traveller",
        "Frequent traveller",
        "Away half the month and manages everything from the phone, often abroad.",
        ("Sort things out from anywhere", "Get status perks"),
        ("Services that only work at home", "Security codes that do not arrive abroad"),
    ),
    PersonaSpec(
        "switcher",
        "Switcher",
        "Changes provider every year to get the best deal.",
        ("Switch in one sitting", "Get the welcome offer"),
        ("Exit fees", "Paying two providers at once"),
    ),
)


@dataclass(frozen=True)
class ChannelSpec:
    id: str
    name: str
    mode: str
    message_type: str | None
    """The interaction type sent through this channel, for the digital channels that carry messages."""


CHANNELS: tuple[ChannelSpec, ...] = (
    ChannelSpec("mobile-app", "Mobile app", "digital", "in-app"),
    ChannelSpec("website", "Website", "digital", "web"),
    ChannelSpec("email", "Email", "digital", "email"),
    ChannelSpec("sms", "SMS", "digital", "sms"),
    ChannelSpec("push", "Push notification", "digital", "push"),
    ChannelSpec("app-inbox", "In-app inbox", "digital", "inbox"),
    ChannelSpec("social-media", "Social media", "digital", None),
    ChannelSpec("live-chat", "Live chat", "digital", None),
    ChannelSpec("contact-centre", "Contact centre", "hybrid", None),
    ChannelSpec("kiosk", "Self-service kiosk", "hybrid", None),
    ChannelSpec("video-call", "Video call with an adviser", "hybrid", None),
    ChannelSpec("store", "Store", "physical", None),
    ChannelSpec("post", "Letters and post", "physical", None),
    ChannelSpec("courier", "Courier", "physical", None),
    ChannelSpec("field-engineer", "Field engineer visit", "physical", None),
    ChannelSpec("press-and-outdoor", "Press, radio and outdoor", "physical", None),
)
HOME_CHANNELS = ("website", "mobile-app")
"""Every map has at least one of these: most digital touchpoints live there."""
CHANNEL_HINTS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("email",), ("email",)),
    (("text",), ("sms",)),
    (("notification", "reminder", "prompt", "tips"), ("push", "app-inbox", "email", "sms")),
    (("chat", "chatbot"), ("live-chat",)),
    (("social", "influencer"), ("social-media",)),
    (("app",), ("mobile-app",)),
    (("call", "callback"), ("contact-centre",)),
    (("adviser", "appointment", "onboarding call"), ("video-call", "store")),
    (("engineer", "installation"), ("field-engineer",)),
    (("store", "till", "desk", "window", "showroom"), ("store", "kiosk")),
    (("letter", "post", "brochure", "pack", "bill", "statement"), ("post",)),
    (("courier", "parcel", "delivery", "equipment"), ("courier",)),
    (("radio", "billboard", "press"), ("press-and-outdoor",)),
    (("event",), ("store",)),
    (("phone",), ("contact-centre",)),
    (
        ("contract", "identity", "quote", "save offer", "price match"),
        ("contact-centre", "video-call", "store", "website", "mobile-app"),
    ),
    (("guide",), ("website", "mobile-app", "post")),
    (("friend",), ("social-media", "mobile-app", "website")),
)
"""Keywords in a touchpoint's name and the channels it most likely comes through."""
FALLBACK_CHANNELS = {
    "digital": HOME_CHANNELS,
    "hybrid": ("contact-centre", "video-call", "kiosk", "store", *HOME_CHANNELS),
    "physical": ("store", "post"),
}
"""Where a touchpoint that no keyword places goes, by its mode."""

TEAMS: tuple[tuple[str, str, str], ...] = (
    ("marketing", "Marketing", "Brand, campaigns and paid media."),
    ("product", "Product", "Owns the app and website roadmap."),
    ("customer-service", "Customer service", "Contact centre, chat and complaints."),
    ("operations", "Operations", "Back-office processes and service delivery."),
    ("logistics", "Logistics", "Warehousing, couriers and installation partners."),
    ("digital", "Digital channels", "Runs the web and app front ends day to day."),
    ("cx", "Customer experience", "Research, journey maps and the voice of the customer."),
    ("sales", "Sales", "Telesales, stores and partner sales."),
    ("billing", "Billing", "Invoices, payments, refunds and collections."),
    ("crm", "CRM", "Lifecycle messaging: email, push, SMS and the inbox."),
    ("retention", "Retention", "Renewals, save offers and win-back."),
)


@dataclass(frozen=True)
class Pain:
    id: str
    text: str
    severity: str
    fix_id: str
    fix: str


@dataclass(frozen=True)
class StageSpec:
    id: str
    name: str
    description: str
    teams: tuple[str, ...]
    mood: int
    touchpoints: tuple[tuple[str, str], ...]
    """(name, mode) pairs; mode is the kind of channel the touchpoint prefers."""
    tasks: tuple[str, ...]
    questions: tuple[str, ...]
    pains: tuple[Pain, ...]


STAGES: tuple[StageSpec, ...] = (
    StageSpec(
        "discovery",
        "Discovery",
        "First contact: the customer hears of {brand} and wonders whether it is for them.",
        ("marketing", "digital", "crm"),
        1,
        (
            ("Social media ad", "digital"),
            ("Search ad", "digital"),
            ("Friend recommendation", "hybrid"),
            ("Billboard campaign", "physical"),
            ("App store listing", "digital"),
            ("Influencer video", "digital"),
            ("Shop window display", "physical"),
            ("Podcast sponsorship", "digital"),
            ("Comparison site listing", "digital"),
            ("Local press feature", "physical"),
            ("Referral link", "digital"),
            ("Radio spot", "physical"),
        ),
        (
            "Notice an ad for {brand}",
            "Ask friends which {item} they use",
            "Search for the best {item}",
            "Follow {brand} on social media",
            "Save a post to read later",
            "Read a news story about {brand}",
        ),
        (
            "Is {brand} any good?",
            "Is this for someone like me?",
            "What makes {brand} different?",
            "Can I trust a brand I have never used?",
            "Does it work where I live?",
        ),
        (
            Pain(
                "vague-ads",
                "The ads do not say what the {item} costs",
                "medium",
                "price-in-ads",
                "Show a from-price in every paid ad",
            ),
            Pain(
                "generic-message",
                "The message sounds like every competitor's",
                "low",
                "sharper-proposition",
                "Test a sharper proposition in the next campaign",
            ),
            Pain(
                "broken-referral-link",
                "A referral link from a friend lands on an error page",
                "high",
                "monitor-referral-links",
                "Monitor referral links and redirect expired ones",
            ),
            Pain(
                "ad-fatigue",
                "The same ad follows me around for weeks",
                "medium",
                "frequency-cap",
                "Cap ad frequency at three views a week",
            ),
            Pain(
                "unclear-availability",
                "Cannot tell whether {brand} serves my area",
                "medium",
                "coverage-checker",
                "Add a postcode checker to the landing page",
            ),
        ),
    ),
    StageSpec(
        "research",
        "Research",
        "The customer looks for detail: features, prices, reviews and the fine print.",
        ("product", "digital", "marketing"),
        0,
        (
            ("Product page", "digital"),
            ("Customer reviews", "digital"),
            ("Pricing page", "digital"),
            ("FAQ page", "digital"),
            ("Help centre article", "digital"),
            ("In-store advice", "physical"),
            ("Pre-sales chatbot", "digital"),
            ("Printed brochure", "physical"),
            ("Feature comparison table", "digital"),
            ("Sales call", "hybrid"),
            ("Showroom visit", "physical"),
            ("Explainer video", "digital"),
        ),
        (
            "Read reviews of the {item}",
            "Check the price of the {item}",
            "Read the terms and conditions",
            "Watch a video review",
            "Ask a question in the chat",
            "Check the delivery and returns rules",
            "Look for discount codes",
        ),
        (
            "What is included in the price?",
            "Are there hidden fees?",
            "How long is the contract?",
            "What do other customers say?",
            "Can I cancel if it does not suit me?",
        ),
        (
            Pain(
                "hidden-fees",
                "Extra fees appear only at checkout",
                "high",
                "fees-upfront",
                "Show every fee on the product page",
            ),
            Pain(
                "jargon-heavy-terms",
                "The terms are full of jargon",
                "medium",
                "plain-language-terms",
                "Rewrite the key terms in plain language",
            ),
            Pain(
                "stale-reviews",
                "Most reviews are more than two years old",
                "low",
                "fresh-review-prompts",
                "Ask recent customers for a review after 30 days",
            ),
            Pain(
                "slow-product-pages",
                "Product pages take ages to load on a phone",
                "high",
                "lighter-product-pages",
                "Halve the weight of product pages",
            ),
            Pain(
                "missing-specs",
                "The page leaves out basic details about the {item}",
                "medium",
                "spec-template",
                "Use a template with required fields for every product",
            ),
        ),
    ),
    StageSpec(
        "comparison",
        "Comparison",
        "The customer weighs {brand} against the alternatives and narrows the choice.",
        ("product", "sales", "marketing"),
        0,
        (
            ("Plan comparison tool", "digital"),
            ("Quote calculator", "digital"),
            ("Saved basket", "digital"),
            ("Wishlist reminder", "digital"),
            ("Price match request", "hybrid"),
            ("Adviser appointment", "physical"),
            ("Free trial sign-up", "digital"),
            ("Eligibility check", "digital"),
        ),
        (
            "Compare {brand} with two competitors",
            "Get a quote for the {item}",
            "Check eligibility",
            "Ask a partner for a second opinion",
            "Shortlist two options",
            "Work out the total yearly cost",
        ),
        (
            "Is the cheaper option good enough?",
            "What do I lose with the basic tier?",
            "Will the price go up after the first year?",
            "Is switching worth the hassle?",
        ),
        (
            Pain(
                "quote-not-saved",
                "The quote is lost when I close the browser",
                "medium",
                "save-quotes",
                "Keep quotes behind an email link for 30 days",
            ),
            Pain(
                "no-side-by-side",
                "Cannot compare plans side by side",
                "high",
                "side-by-side-table",
                "Add a side-by-side comparison table",
            ),
            Pain(
                "eligibility-surprise",
                "Find out I am not eligible only after a long form",
                "high",
                "early-eligibility-check",
                "Ask the two eligibility questions first",
            ),
            Pain(
                "pushy-sales-calls",
                "A sales agent calls before I am ready",
                "medium",
                "consented-callbacks",
                "Call back only when the customer asks for it",
            ),
        ),
    ),
    StageSpec(
        "purchase",
        "Purchase",
        "The customer commits: basket, payment, contract or sign-up.",
        ("digital", "product", "sales", "billing"),
        0,
        (
            ("Checkout", "digital"),
            ("Payment page", "digital"),
            ("Order confirmation", "digital"),
            ("Promo code entry", "digital"),
            ("In-store till", "physical"),
            ("Identity check", "hybrid"),
            ("Contract signing", "hybrid"),
            ("Account creation form", "digital"),
            ("Phone sales order", "hybrid"),
            ("Direct debit setup", "digital"),
        ),
        (
            "Add the {item} to the basket",
            "Enter delivery details",
            "Pay by card",
            "Apply a discount code",
            "Create an account",
            "Sign the contract",
            "Choose a delivery slot",
        ),
        (
            "Is my payment secure?",
            "When will I be charged?",
            "Why do I need an account?",
            "Did my order go through?",
            "Can I change my mind later?",
        ),
        (
            Pain(
                "forced-account",
                "Have to create an account before paying",
                "high",
                "guest-checkout",
                "Offer guest checkout",
            ),
            Pain(
                "payment-declined",
                "The card is declined without a reason",
                "critical",
                "clear-decline-reasons",
                "Explain declines and offer another way to pay",
            ),
            Pain(
                "promo-code-rejected",
                "The discount code is rejected at the last step",
                "medium",
                "validate-codes-early",
                "Check codes as soon as they are typed",
            ),
            Pain(
                "long-sign-up-form",
                "The sign-up form has too many fields",
                "medium",
                "shorter-form",
                "Cut the form down to the fields the law requires",
            ),
            Pain(
                "no-confirmation",
                "No confirmation arrives after paying",
                "high",
                "instant-confirmation",
                "Confirm within a minute, by email and in the app",
            ),
        ),
    ),
    StageSpec(
        "fulfilment",
        "Fulfilment",
        "The customer waits for the {item} to be delivered, installed or switched on.",
        ("logistics", "operations", "customer-service"),
        0,
        (
            ("Dispatch notification", "digital"),
            ("Delivery tracking page", "digital"),
            ("Courier handover", "physical"),
            ("Click and collect desk", "physical"),
            ("Installation visit", "physical"),
            ("Welcome pack in the post", "physical"),
            ("Delivery slot change", "digital"),
            ("Parcel locker pickup", "physical"),
            ("Engineer arrival text", "digital"),
        ),
        (
            "Track the delivery",
            "Wait in for the courier",
            "Change the delivery slot",
            "Collect the parcel",
            "Let the engineer in",
            "Check the {item} on arrival",
        ),
        (
            "Where is my order?",
            "Will someone be home?",
            "What if it arrives damaged?",
            "Can I change the slot?",
        ),
        (
            Pain(
                "all-day-delivery-window",
                "The delivery window is the whole day",
                "high",
                "one-hour-slots",
                "Offer one-hour delivery windows",
            ),
            Pain(
                "tracking-not-updated",
                "Tracking does not change for two days",
                "medium",
                "courier-status-feed",
                "Pull the courier's status every hour",
            ),
            Pain(
                "missed-engineer",
                "The engineer arrives outside the booked slot",
                "critical",
                "engineer-eta-texts",
                "Text a live arrival time when the engineer sets off",
            ),
            Pain(
                "damaged-parcel",
                "The parcel arrives damaged",
                "high",
                "packaging-review",
                "Review packaging with the warehouse team",
            ),
            Pain(
                "no-collection-code",
                "The collection code email never arrives",
                "medium",
                "code-in-app",
                "Show the collection code in the app as well",
            ),
        ),
    ),
    StageSpec(
        "onboarding",
        "Onboarding",
        "The customer gets started: activation, setup and the first successful use.",
        ("product", "digital", "crm", "customer-service"),
        1,
        (
            ("Welcome email", "digital"),
            ("App first launch", "digital"),
            ("Setup wizard", "digital"),
            ("Account activation", "digital"),
            ("Onboarding call", "hybrid"),
            ("Getting started guide", "hybrid"),
            ("Profile completion prompt", "digital"),
            ("In-store setup help", "physical"),
            ("Preferences survey", "digital"),
        ),
        (
            "Activate the account",
            "Download the app",
            "Set up preferences",
            "Link a payment method",
            "Follow the getting started guide",
            "Invite a household member",
        ),
        (
            "Where do I start?",
            "Did I set it up correctly?",
            "What can I do in the app?",
            "Who do I call if it does not work?",
        ),
        (
            Pain(
                "activation-code-expired",
                "The activation code expires before I get to use it",
                "high",
                "longer-code-validity",
                "Keep activation codes valid for seven days",
            ),
            Pain(
                "too-many-welcome-emails",
                "Five welcome emails arrive in two days",
                "low",
                "welcome-series-spacing",
                "Spread the welcome series over two weeks",
            ),
            Pain(
                "setup-dead-end",
                "The setup wizard stops with an unexplained error",
                "critical",
                "wizard-error-recovery",
                "Let the wizard resume and explain every error",
            ),
            Pain(
                "unclear-first-step",
                "No clear first step after signing in",
                "medium",
                "first-task-card",
                "Show a single first-task card on the home screen",
            ),
        ),
    ),
    StageSpec(
        "usage",
        "Usage",
        "Everyday use: the customer gets value from the {item}, or does not.",
        ("product", "digital", "crm"),
        1,
        (
            ("Home screen", "digital"),
            ("Monthly statement", "hybrid"),
            ("Usage dashboard", "digital"),
            ("Reorder button", "digital"),
            ("Loyalty points balance", "digital"),
            ("Usage reminder", "digital"),
            ("Store visit", "physical"),
            ("Feature tips", "digital"),
            ("Self-service settings", "digital"),
            ("Household account switcher", "digital"),
        ),
        (
            "Check the balance",
            "Reorder a favourite",
            "Change a setting",
            "Read the monthly statement",
            "Spend a loyalty reward",
            "Try a new feature",
        ),
        (
            "Am I getting my money's worth?",
            "Is there a cheaper way to do this?",
            "Where did that feature go?",
            "Why is this month's bill higher?",
        ),
        (
            Pain(
                "confusing-bill",
                "The monthly bill is hard to understand",
                "high",
                "annotated-bill",
                "Explain every change on the bill",
            ),
            Pain(
                "app-logouts",
                "The app logs me out every few days",
                "medium",
                "longer-sessions",
                "Keep sessions alive for 30 days with biometrics",
            ),
            Pain(
                "buried-settings",
                "Settings are buried three menus deep",
                "low",
                "settings-search",
                "Add search to the settings screen",
            ),
            Pain(
                "irrelevant-offers",
                "Offers are for things I already have",
                "medium",
                "offer-suppression",
                "Stop offering products the customer already owns",
            ),
            Pain(
                "feature-removed",
                "A feature I relied on was removed without notice",
                "high",
                "change-notes",
                "Announce removals a month ahead, in the app",
            ),
        ),
    ),
    StageSpec(
        "support",
        "Support",
        "Something goes wrong and the customer needs help.",
        ("customer-service", "operations"),
        -1,
        (
            ("Help centre search", "digital"),
            ("Live chat session", "digital"),
            ("Contact centre call", "hybrid"),
            ("Returns portal", "digital"),
            ("Complaint form", "digital"),
            ("Service desk", "physical"),
            ("Callback request", "hybrid"),
            ("Community forum", "digital"),
            ("Support ticket", "digital"),
        ),
        (
            "Search the help centre",
            "Start a live chat",
            "Call the contact centre",
            "Return the {item}",
            "Make a complaint",
            "Request a callback",
        ),
        (
            "Will a human answer?",
            "How long will this take?",
            "Do I have to explain everything again?",
            "Will I get my money back?",
        ),
        (
            Pain(
                "long-hold-times",
                "Waiting on hold for over twenty minutes",
                "critical",
                "callback-queue",
                "Offer a callback instead of holding",
            ),
            Pain(
                "repeat-the-story",
                "Having to repeat the problem to every agent",
                "high",
                "shared-case-notes",
                "Share case notes across chat, phone and store",
            ),
            Pain(
                "chatbot-loop",
                "The chatbot goes round in circles and never hands over",
                "high",
                "human-handover",
                "Hand over to an agent after two failed answers",
            ),
            Pain(
                "slow-refund",
                "The refund takes three weeks",
                "high",
                "refund-deadline",
                "Refund within five working days and show progress",
            ),
            Pain(
                "outdated-help-article",
                "The help article shows old screens",
                "low",
                "help-content-review",
                "Review the top help articles every quarter",
            ),
        ),
    ),
    StageSpec(
        "renewal",
        "Renewal",
        "The contract or subscription comes up for renewal; the customer stays or goes.",
        ("crm", "retention", "billing", "sales"),
        0,
        (
            ("Renewal reminder", "digital"),
            ("Renewal quote", "hybrid"),
            ("Loyalty offer", "digital"),
            ("Plan upgrade page", "digital"),
            ("Retention call", "hybrid"),
            ("Auto-renew confirmation", "digital"),
            ("Price change letter", "physical"),
        ),
        (
            "Read the renewal quote",
            "Compare the renewal price with new-customer deals",
            "Call to negotiate",
            "Switch to a different tier",
            "Turn off auto-renew",
        ),
        (
            "Why is my price going up?",
            "Do loyal customers get a better deal?",
            "What happens if I do nothing?",
            "Can I pause instead?",
        ),
        (
            Pain(
                "loyalty-penalty",
                "The renewal price is higher than the new-customer price",
                "critical",
                "loyal-pricing",
                "Match the new-customer price at renewal",
            ),
            Pain(
                "late-renewal-notice",
                "The renewal notice arrives three days before the charge",
                "high",
                "thirty-day-notice",
                "Send the renewal notice 30 days ahead",
            ),
            Pain(
                "no-pause-option",
                "Cannot pause, only cancel",
                "medium",
                "pause-option",
                "Offer a pause of one to three months",
            ),
        ),
    ),
    StageSpec(
        "advocacy",
        "Advocacy",
        "Happy customers recommend {brand}, write reviews and come back for more.",
        ("marketing", "crm", "cx"),
        1,
        (
            ("Review request email", "digital"),
            ("Referral programme page", "digital"),
            ("Social share prompt", "digital"),
            ("Customer community event", "physical"),
            ("NPS survey", "digital"),
            ("Ambassador invitation", "digital"),
            ("App rating prompt", "digital"),
        ),
        (
            "Write a review",
            "Share a referral link",
            "Tell a friend about {brand}",
            "Answer the satisfaction survey",
            "Join the customer community",
        ),
        ("What do I get for referring a friend?", "Will anyone read my review?", "Is my feedback used?"),
        (
            Pain(
                "referral-reward-missing",
                "The referral reward never shows up",
                "high",
                "referral-tracking",
                "Track referral rewards and show their status",
            ),
            Pain(
                "survey-too-long",
                "The satisfaction survey takes fifteen minutes",
                "low",
                "three-question-survey",
                "Cut the survey to three questions",
            ),
            Pain(
                "feedback-black-hole",
                "Feedback disappears without a reply",
                "medium",
                "close-the-loop",
                "Reply to every detractor within two days",
            ),
        ),
    ),
    StageSpec(
        "departure",
        "Departure",
        "The customer leaves: cancellation, the final bill and what they say afterwards.",
        ("retention", "billing", "customer-service"),
        -1,
        (
            ("Cancellation page", "digital"),
            ("Exit survey", "digital"),
            ("Save offer", "hybrid"),
            ("Final bill", "hybrid"),
            ("Closure confirmation", "digital"),
            ("Data export request", "digital"),
            ("Win-back email", "digital"),
            ("Equipment return", "physical"),
        ),
        (
            "Cancel the subscription",
            "Return the equipment",
            "Pay the final bill",
            "Download my data",
            "Answer the exit survey",
        ),
        (
            "Is there a cancellation fee?",
            "Will they keep charging me?",
            "What happens to my data?",
            "Can I come back later?",
        ),
        (
            Pain(
                "cancel-by-phone-only",
                "Can only cancel by phone",
                "critical",
                "online-cancellation",
                "Let customers cancel online in three steps",
            ),
            Pain(
                "charged-after-cancelling",
                "Charged again after cancelling",
                "critical",
                "final-charge-check",
                "Block any charge after a confirmed cancellation",
            ),
            Pain(
                "retention-pressure",
                "The save offer feels like pressure",
                "medium",
                "one-offer-rule",
                "Make one save offer, then process the cancellation",
            ),
            Pain(
                "equipment-return-hassle",
                "Returning the equipment means a trip to the post office",
                "medium",
                "courier-collection",
                "Collect equipment from the door",
            ),
        ),
    ),
)
PURCHASE_STAGE = next(i for i, s in enumerate(STAGES) if s.id == "purchase")

SEGMENTS = (
    "new customers",
    "returning customers",
    "business customers",
    "students",
    "families",
    "commuters",
    "weekend shoppers",
    "night owls",
    "first-time buyers",
    "lapsed customers",
    "members",
    "premium members",
    "customers in the north",
    "customers in Wales",
    "screen reader users",
    "older customers",
)
INFLUENCES = (
    "Friends and family",
    "Online reviews",
    "Price comparison sites",
    "Social media",
    "Store staff",
    "Colleagues",
    "Consumer forums",
    "A partner's opinion",
    "Trustpilot score",
    "Money-saving newsletters",
    "Tech press",
    "Word of mouth at the school gate",
)
THOUGHTS = {
    1: (
        "That was easier than I expected.",
        "{brand} actually gets it.",
        "Good, I can {task} without calling anyone.",
        "I would tell a friend about this.",
        "Finally, a {item} that just works.",
        "Nice touch, I did not expect that.",
    ),
    0: (
        "Fine, but I need to {task} first.",
        "Not sure yet, I will see how it goes.",
        "It does the job, nothing special.",
        "Let me {task} before I decide.",
        "Probably fine. I will check again next week.",
    ),
    -1: (
        "Why is it so hard to {task}?",
        "I should not have to chase {brand} for this.",
        "If this happens again I am leaving.",
        "I have wasted an hour trying to {task}.",
        "Nobody told me about this.",
        "Is anyone at {brand} actually reading this?",
    ),
}
FRONTSTAGE = {
    "digital": (
        "Banner with the current offer",
        "Step-by-step progress bar",
        "Price summary",
        "Plain-language error messages",
        "Live chat button",
        "Order status timeline",
        "Personalised recommendations",
        "Ratings and reviews",
        "Saved details prefilled",
    ),
    "physical": (
        "Greeting by store staff",
        "Printed receipt",
        "Appointment confirmation card",
        "Branded packaging",
        "Queue ticket display",
        "Printed price list",
        "Uniformed staff with name badges",
    ),
}
FRONTSTAGE["hybrid"] = FRONTSTAGE["digital"] + FRONTSTAGE["physical"]
BACKSTAGE = (
    "Agent reviews flagged orders",
    "Merchandising team updates offers weekly",
    "Fraud screening of payments",
    "Warehouse picks and packs the order",
    "Support agent triages the ticket",
    "Content team updates help articles",
    "Store manager checks stock levels",
    "Retention team reviews cancellation reasons",
    "Billing team reconciles failed payments",
    "Field team schedules the visit",
)
SUPPORT_SYSTEMS = (
    "Product information management",
    "Payment gateway",
    "CRM",
    "Order management system",
    "Courier API",
    "Identity verification service",
    "Content management system",
    "Ticketing system",
    "Billing platform",
    "Analytics pipeline",
    "Feature flag service",
    "Workforce scheduling",
)
DESCRIPTIONS = (
    "The {name}, reached through {channel}, where customers {task}.",
    "Customers {task} here; the {team} team owns the copy and the data.",
    "{Channel} touchpoint in {stage}: most customers {task} at this point.",
    "Where {brand} answers the question customers ask most in {stage}.",
)
METRICS: tuple[tuple[str, str, str], ...] = (
    ("Conversion rate", "ratio", "higher"),
    ("Completion rate", "percent", "higher"),
    ("Drop-off rate", "ratio", "lower"),
    ("Median time to complete", "seconds", "lower"),
    ("Average handling time", "seconds", "lower"),
    ("Weekly visits", "count", "higher"),
    ("Average order value", "currency", "higher"),
    ("Customer satisfaction", "score", "higher"),
    ("Contact rate", "percent", "lower"),
    ("Click-through rate", "ratio", "higher"),
    ("Error rate", "percent", "lower"),
)
METRIC_SOURCES = (
    "Looker: funnel overview",
    "Amplitude: {stage} dashboard",
    "Contact centre MI pack",
    "GA4 acquisition report",
    "Qualtrics CSAT tracker",
    "Weekly KPI pack",
    "Data warehouse: touchpoint facts",
)
EVENT_VERBS = {
    "digital": ("viewed", "opened", "clicked", "submitted", "completed"),
    "hybrid": ("started", "completed", "booked"),
    "physical": ("visited", "scanned", "received"),
}
EVIDENCE_KINDS: tuple[tuple[str, str, str], ...] = (
    ("survey", "Customer survey, {month}", "{n:,} respondents, mostly {segment}"),
    ("interview", "Customer interviews, {month}", "{k} in-depth interviews with {segment}"),
    ("analytics", "{Stage} funnel analysis", "{n:,} sessions over {k} weeks; {segment} convert best"),
    ("social", "Social listening, {month}", "{n:,} mentions of {brand}; top complaint: {topic}"),
    ("support", "Support ticket review, {month}", "{n:,} tickets coded by reason, from {segment}"),
    ("usability-test", "Usability test of the {stage} flow", "{k} moderated sessions with {segment}"),
    ("other", "Mystery shopping, {month}", "{k} store and phone visits, scored against the service standard"),
)
EXTERNAL_EVENTS = (
    "Store opening",
    "First cold snap",
    "Black Friday",
    "Payday weekend",
    "School holidays",
    "Heatwave warning",
    "New Year sales",
    "City marathon",
    "Price change announcement",
    "Network upgrade in the area",
    "Bank holiday weekend",
    "Back to university",
)
LOCATIONS = (
    "Manchester",
    "Leeds city centre",
    "Bristol",
    "All stores",
    "Glasgow",
    "Cardiff Bay",
    "Online only",
    "Birmingham",
    "Newcastle",
    "Edinburgh",
)
SCHEDULES = (
    ("0 9 * * 1", "Monday morning digest", "Your week ahead with {brand}"),
    ("30 18 * * 5", "Friday evening roundup", "Your weekly {brand} roundup"),
    ("0 10 1 * *", "Monthly summary", "Your monthly summary is ready"),
    ("0 8 15 11 *", "Winter readiness campaign", "Is your {item} ready for winter?"),
    ("0 12 * * 3", "Midweek offers", "This week's offers on the {item}"),
    ("0 9 1 1,4,7,10 *", "Quarterly check-in", "Time for a quick check of your {item}"),
    ("0 19 * * 0", "Sunday planning nudge", "Plan the week: {task} in two minutes"),
)
DAY_TOPICS = ("tips", "check-in", "reminder", "feature spotlight", "progress recap", "welcome back")
MESSAGES = {
    "day_of_use": (
        "Three ways to get more from your {item}",
        "Your first week with {brand}: a quick recap",
        "Need a hand? Reply to this message and we will help",
        "Tip: you can {task} in the app",
    ),
    "behavior": (
        "Still thinking it over? Here is what other customers said",
        "Thanks for stopping by, here is a quick guide",
        "Your {item} is ready. See what is next",
        "Stuck? You can {task} in two taps",
    ),
    "event": (
        "{event}: what it means for your {item}",
        "{event} is here. See what is on near you",
        "{event}: our opening hours and delivery times",
    ),
}
INTERACTION_NOTES = (
    "Owned by {team}; A/B tested against a control group.",
    "{team} reviews the copy every quarter.",
    "Paused during peak season; {team} decides when it resumes.",
    "Frequency-capped with the other messages of this stage by {team}.",
)
GOALS = (
    "engagement",
    "conversion",
    "retention",
    "activation",
    "reactivation",
    "satisfaction",
    "cross-sell",
    "fewer contacts",
)
DAYS_OF_USE = (0, 1, 2, 3, 5, 7, 10, 14, 21, 30, 45, 60, 90, 120, 180, 270, 365)
WITHIN = ("30m", "1h", "2h", "6h", "1d", "3d", "1w")
MAP_OWNERS = ("cx", "product", "marketing", "digital", "customer-service")
EMOTION_UP = {"low": "medium", "medium": "high", "high": "critical", "critical": "critical"}


# --- YAML output -----------------------------------------------------------------------------


class Flow(list[str]):
    """A list of ids or tags, written in flow style: ``[a, b]``."""


_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 .,'()/&+%!?_-]*|[0-9]+[mhdw]")
_RESERVED = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})


def _scalar(value: object, *, flow: bool = False) -> str:
    """One scalar as YAML: plain where unambiguous, JSON-style double quotes otherwise."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = f"{value:.4f}".rstrip("0")
        return text + "0" if text.endswith(".") else text
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    plain = (
        _PLAIN.fullmatch(text) is not None
        and not text.endswith(" ")
        and text.lower() not in _RESERVED
        and not (flow and "," in text)
    )
    return text if plain else json.dumps(text, ensure_ascii=False)


def _emit_entry(lines: list[str], indent: int, key: str, value: object) -> None:
    pad = " " * indent
    if isinstance(value, dict):
        lines.append(f"{pad}{key}:")
        _emit_mapping(lines, indent + 2, value)
    elif isinstance(value, Flow) or (isinstance(value, list) and not value):
        lines.append(f"{pad}{key}: [{', '.join(_scalar(v, flow=True) for v in value)}]")
    elif isinstance(value, list):
        lines.append(f"{pad}{key}:")
        _emit_sequence(lines, indent + 2, value)
    else:
        lines.append(f"{pad}{key}: {_scalar(value)}")


def _emit_mapping(lines: list[str], indent: int, mapping: dict[str, object]) -> None:
    for key, value in mapping.items():
        _emit_entry(lines, indent, key, value)


def _emit_sequence(lines: list[str], indent: int, items: list[object]) -> None:
    pad = " " * indent
    for item in items:
        if isinstance(item, dict):
            start = len(lines)
            _emit_mapping(lines, indent + 2, item)
            lines[start] = f"{pad}- {lines[start][indent + 2 :]}"
        else:
            lines.append(f"{pad}- {_scalar(item)}")


def to_yaml(document: dict[str, object], header: Sequence[str] = ()) -> str:
    """A mapping as block-style YAML, with a blank line before each top-level list."""
    lines = [f"# {line}" for line in header]
    for key, value in document.items():
        if isinstance(value, list) and not isinstance(value, Flow) and lines:
            lines.append("")
        _emit_entry(lines, 0, key, value)
    return "\n".join(lines) + "\n"


# --- the map ---------------------------------------------------------------------------------


def _compatible(channel_mode: str, touchpoint_mode: str) -> bool:
    """A hybrid channel or touchpoint goes with anything; otherwise the modes must match."""
    return "hybrid" in (channel_mode, touchpoint_mode) or channel_mode == touchpoint_mode


def slugify(text: str, limit: int = 60) -> str:
    """Lower-case kebab-case, cut at a word boundary to at most ``limit`` characters."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug or "item"


def _lower_first(text: str) -> str:
    """``Check the balance`` → ``check the balance``; ``FAQ page`` stays as it is."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass
class _Ids:
    """Ids unique within their kind: a clash gets ``-2``, ``-3``... appended."""

    taken: dict[str, set[str]] = field(default_factory=dict)

    def take(self, kind: str, base: str) -> str:
        taken = self.taken.setdefault(kind, set())
        slug = slugify(base)
        candidate, n = slug, 2
        while candidate in taken:
            candidate, n = f"{slug}-{n}", n + 1
        taken.add(candidate)
        return candidate


@dataclass
class _Touchpoint:
    id: str
    name: str
    stage: int
    """Position of the stage in the map."""
    channel: ChannelSpec
    personas: list[str] | None
    events: list[str]
    next: list[str] = field(default_factory=list)
    loops_to: list[str] = field(default_factory=list)


class _MapBuilder:
    """Builds one map; every choice goes through ``self.rng`` so the output is reproducible."""

    def __init__(self, index: int, touchpoints: int, seed: int) -> None:
        if touchpoints < 1:
            raise ValueError("a map needs at least one touchpoint")
        self.index = index
        self.size = touchpoints
        self.rng = random.Random(f"journeykit-bench:{seed}:{index}:{touchpoints}")
        self.ids = _Ids()
        self.domain = self.rng.choice(DOMAINS)
        self.brand = self.rng.choice(self.domain.brands)
        self.journey = self.rng.choice(self.domain.journeys)
        big = touchpoints >= 100
        n_stages = min(max(round(touchpoints / 6), 4), 8, touchpoints)
        others = [i for i in range(len(STAGES)) if i != PURCHASE_STAGE]
        picked = sorted([PURCHASE_STAGE, *self.rng.sample(others, n_stages - 1)])
        self.stages = [STAGES[i] for i in picked]
        self.personas = self.rng.sample(PERSONAS, self.rng.randint(4, 5) if big else self.rng.randint(2, 4))
        self.teams = self.rng.sample(TEAMS, self.rng.randint(5, 6) if big else self.rng.randint(3, 5))
        self.team_ids = [t[0] for t in self.teams]
        self.team_names = {t[0]: t[1] for t in self.teams}
        self.owner = next((t for t in MAP_OWNERS if t in self.team_ids), self.team_ids[0])
        self.n_interactions = max(2, round(touchpoints / 10))
        self.channels = self._pick_channels(big)
        self.touchpoints: list[_Touchpoint] = []
        self.evidence_ids: list[str] = []
        self.uncited: list[str] = []
        self.days_used: set[int] = set()

    # -- helpers

    def fill(self, text: str, **extra: str) -> str:
        """Fill the placeholders of a word-list entry."""
        values = {"brand": self.brand, "item": self.rng.choice(self.domain.items), "task": "get started"}
        values.update(extra)
        return text.format(**values)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def team_for(self, stage: StageSpec) -> str:
        preferred = [t for t in stage.teams if t in self.team_ids]
        if preferred and self.chance(0.75):
            return self.rng.choice(preferred)
        return self.rng.choice(self.team_ids)

    def _suitable_channels(self, name: str, mode: str) -> list[ChannelSpec]:
        """The map's channels that suit a touchpoint: by keyword in its name, else by its mode."""
        words = f" {' '.join(re.findall(r'[a-z0-9]+', name.lower()))} "
        hints = [
            ids
            for keywords, ids in CHANNEL_HINTS
            if any(f" {k} " in words for k in keywords)
            and any(_compatible(c.mode, mode) for c in CHANNELS if c.id in ids)
        ]
        for ids in hints:
            hinted = [c for c in self.channels if c.id in ids and _compatible(c.mode, mode)]
            if hinted:
                return hinted
        if hints:
            return []  # named for a channel the map lacks: no till in a map without a store
        return [c for c in self.channels if c.id in FALLBACK_CHANNELS[mode]]

    def channel_for(self, name: str, mode: str) -> ChannelSpec:
        """The channel a touchpoint comes through; any channel of its mode if none suits it."""
        suitable = self._suitable_channels(name, mode)
        return self.rng.choice(suitable or [c for c in self.channels if c.mode == mode] or self.channels)

    def _pick_channels(self, big: bool) -> list[ChannelSpec]:
        messaging = [c for c in CHANNELS if c.message_type]
        rest = [c for c in CHANNELS if not c.message_type]
        combos_needed = math.ceil(self.n_interactions / (len(self.stages) * len(TRIGGER_TYPES)))
        n_messaging = min(len(messaging), max(2, combos_needed + 1, self.rng.randint(2, 3)))
        n_total = max(self.rng.randint(6, 8) if big else self.rng.randint(4, 6), n_messaging + 1)
        n_total = min(n_total, 8)
        chosen = self.rng.sample(messaging, n_messaging)
        if not any(c.id in HOME_CHANNELS for c in chosen):
            home = self.rng.choice(HOME_CHANNELS)
            chosen[0] = next(c for c in CHANNELS if c.id == home)
        physical = [c for c in rest if c.mode == "physical"]
        chosen.append(self.rng.choice(physical))
        pool = [c for c in rest if c not in chosen]
        chosen.extend(self.rng.sample(pool, max(0, n_total - len(chosen))))
        return sorted(chosen, key=CHANNELS.index)

    # -- the parts of the map

    def build(self) -> str:
        spread = self._spread()
        self._make_touchpoints(spread)
        self._make_flow()
        evidence = self._evidence()
        names = [p.name.lower() for p in self.personas]
        who = f"{', '.join(names[:-1])} and {names[-1]}"
        document: dict[str, object] = {
            "journeykit": 1,
            "kind": "journey",
            "id": f"{slugify(self.brand)}-{slugify(self.journey)}-{self.size}tp-{self.index:04d}",
            "title": f"{self.brand} — {self.journey}",
            "description": (
                f"{self.journey} at {self.brand}, from {self.stages[0].name.lower()} to "
                f"{self.stages[-1].name.lower()}, as lived by {who}."
            ),
            "owner": self.owner,
            "updated": UPDATED,
            "tags": Flow(dict.fromkeys([*self.domain.tags, slugify(self.journey)])),
            "defaults": {"touchpoint_owner": self.owner},
            "personas": [self._persona(p) for p in self.personas],
            "stages": [self._stage(s) for s in self.stages],
            "channels": [{"id": c.id, "name": c.name, "mode": c.mode} for c in self.channels],
            "teams": [self._team(t) for t in self.teams],
            "touchpoints": [self._touchpoint_data(t) for t in self.touchpoints],
            "experiences": self._experiences(),
            "interactions": self._interactions(),
            "evidence": evidence,
        }
        header = (
            f"yaml-language-server: $schema={SCHEMA_URL}",
            f"Benchmark map generated by benchmarks/generate.py (index {self.index}, "
            f"{self.size} touchpoints). Do not edit.",
        )
        return to_yaml(document, header)

    def _persona(self, p: PersonaSpec) -> dict[str, object]:
        return {
            "id": p.id,
            "name": p.name,
            "description": self.fill(p.description),
            "goals": [self.fill(g) for g in p.goals],
            "frustrations": list(p.frustrations),
        }

    def _stage(self, s: StageSpec) -> dict[str, object]:
        return {"id": s.id, "name": s.name, "description": self.fill(s.description)}

    def _team(self, t: tuple[str, str, str]) -> dict[str, object]:
        team: dict[str, object] = {"id": t[0], "name": t[1], "description": t[2]}
        if self.chance(0.6):
            team["contact"] = f"#team-{t[0]}" if self.chance(0.5) else f"{t[0]}@{slugify(self.brand)}.example"
        return team

    def _spread(self) -> list[int]:
        """How many touchpoints each stage gets: at least one, the rest by random weights."""
        counts = [1] * len(self.stages)
        weights = [self.rng.uniform(0.6, 1.4) for _ in self.stages]
        for stage in self.rng.choices(range(len(self.stages)), weights, k=self.size - len(self.stages)):
            counts[stage] += 1
        return counts

    def _make_touchpoints(self, spread: list[int]) -> None:
        persona_ids = [p.id for p in self.personas]
        used_names: set[str] = set()
        for position, (stage, count) in enumerate(zip(self.stages, spread, strict=True)):
            # Touchpoints that suit the map's channels: no shop window in a map without a store.
            suitable = [t for t in stage.touchpoints if self._suitable_channels(*t)]
            suitable = suitable or list(stage.touchpoints)
            for n in range(count):
                base, mode = self.rng.choice(suitable)
                channel = self.channel_for(base, mode)
                name = self._unique_name(base, channel, used_names)
                tp_id = self.ids.take("touchpoint", name)
                personas: list[str] | None = None
                if n > 0 and len(persona_ids) > 1 and self.chance(0.4):
                    k = self.rng.randint(1, len(persona_ids) - 1)
                    personas = sorted(self.rng.sample(persona_ids, k), key=persona_ids.index)
                stem = tp_id.replace("-", "_")
                verbs = self.rng.sample(EVENT_VERBS[channel.mode], 2)
                events = [f"{stem}_{verbs[0]}"]
                if self.chance(0.2):
                    events.append(f"{'app' if channel.id == 'mobile-app' else 'web'}:{stem}_{verbs[1]}")
                self.touchpoints.append(_Touchpoint(tp_id, name, position, channel, personas, events))

    def _unique_name(self, base: str, channel: ChannelSpec, used: set[str]) -> str:
        segments = self.rng.sample(SEGMENTS, len(SEGMENTS))
        candidates = [base, *(f"{base} for {segment}" for segment in segments)]
        candidates.append(f"{base} ({_lower_first(channel.name)})")
        for candidate in candidates:
            if candidate not in used:
                used.add(candidate)
                return candidate
        n = 2
        while f"{base} {n}" in used:
            n += 1
        used.add(f"{base} {n}")
        return f"{base} {n}"

    def _make_flow(self) -> None:
        """Forward ``next`` edges: everything reachable from the first stage, dead ends only at the end."""
        by_stage: list[list[_Touchpoint]] = [[] for _ in self.stages]
        for tp in self.touchpoints:
            by_stage[tp.stage].append(tp)
        last = len(self.stages) - 1

        def link(source: _Touchpoint, target: _Touchpoint) -> None:
            if target.id not in source.next:
                source.next.append(target.id)

        # Every touchpoint after the first stage gets a predecessor: usually in the stage
        # before, sometimes two stages back, sometimes earlier in its own stage.
        for s in range(1, last + 1):
            for j, tp in enumerate(by_stage[s]):
                if j > 0 and s < last and self.chance(0.3):
                    link(self.rng.choice(by_stage[s][:j]), tp)
                elif s >= 2 and self.chance(0.15):
                    link(self.rng.choice(by_stage[s - 2]), tp)
                else:
                    link(self.rng.choice(by_stage[s - 1]), tp)
        # Nothing ends before the last stage, and a few extra forward edges make the graph less tree-like.
        for s in range(last):
            for j, tp in enumerate(by_stage[s]):
                if not tp.next or self.chance(0.35):
                    link(tp, self.rng.choice(by_stage[s + 1]))
                if self.chance(0.2):
                    later = by_stage[s][j + 1 :] + by_stage[min(s + 2, last)]
                    link(tp, self.rng.choice(later))
        # Deliberate loops: re-purchase, referrals.
        if last >= 2:
            tail = by_stage[last] + by_stage[last - 1]
            looping = [t for t in tail if self.chance(0.08)] or [self.rng.choice(by_stage[last])]
            for tp in looping:
                earlier = self.rng.randrange(0, tp.stage)
                target = self.rng.choice(by_stage[earlier])
                tp.loops_to.append(target.id)

    def _touchpoint_data(self, tp: _Touchpoint) -> dict[str, object]:
        stage = self.stages[tp.stage]
        data: dict[str, object] = {"id": tp.id, "name": tp.name}
        owner = self.team_for(stage) if self.chance(0.9) else None
        if self.chance(0.5):
            data["description"] = self.fill(
                self.rng.choice(DESCRIPTIONS),
                name=_lower_first(tp.name),
                channel=_lower_first(tp.channel.name),
                Channel=tp.channel.name,
                task=_lower_first(self.fill(self.rng.choice(stage.tasks))),
                team=self.team_names[owner or self.owner].lower(),
                stage=stage.name.lower(),
            )
        data["stage"] = stage.id
        data["channel"] = tp.channel.id
        if owner is not None:
            data["owner"] = owner
        if tp.personas is not None:
            data["personas"] = Flow(tp.personas)
        if tp.next:
            data["next"] = Flow(tp.next)
        if tp.loops_to:
            data["loops_to"] = Flow(tp.loops_to)
        data["events"] = Flow(tp.events)
        if self.chance(0.25):
            data["frontstage"] = self.rng.sample(FRONTSTAGE[tp.channel.mode], self.rng.randint(1, 3))
            data["backstage"] = self.rng.sample(BACKSTAGE, self.rng.randint(1, 2))
            data["support"] = self.rng.sample(SUPPORT_SYSTEMS, self.rng.randint(1, 3))
        metrics = [self._metric(stage) for _ in range(self.rng.choice((0, 0, 0, 1, 1, 2)))]
        if metrics:
            data["metrics"] = metrics
        return data

    def _metric(self, stage: StageSpec) -> dict[str, object]:
        """A metric that meets its target, the right way round for ``better``."""
        name, unit, better = self.rng.choice(METRICS)
        rng = self.rng
        value: float | int
        up = better == "higher"
        if unit == "ratio":
            target = round(rng.uniform(0.05, 0.6), 2)
            value = round(target * (rng.uniform(1.0, 1.4) if up else rng.uniform(0.5, 1.0)), 3)
        elif unit == "percent":
            target = round(rng.uniform(5, 80), 1)
            value = round(target * (rng.uniform(1.0, 1.2) if up else rng.uniform(0.5, 1.0)), 1)
        elif unit == "seconds":
            target = float(rng.randrange(30, 900, 15))
            value = float(round(target * rng.uniform(0.55, 1.0)))
        elif unit == "count":
            target = float(rng.randrange(100, 50_000, 50))
            value = float(round(target * rng.uniform(1.0, 1.3)))
        elif unit == "currency":
            target = float(rng.randrange(20, 250, 5))
            value = round(target * rng.uniform(1.0, 1.25), 2)
        else:  # score, 1 to 5
            target = round(rng.uniform(3.5, 4.5), 1)
            value = round(rng.uniform(target, 5.0), 2)
        # Rounding must not push a value past its target.
        value = max(value, target) if up else min(value, target)
        metric: dict[str, object] = {"name": name}
        if unit in ("count", "seconds"):
            metric["value"], metric["target"] = int(value), int(target)
        else:
            metric["value"], metric["target"] = value, target
        metric["unit"] = unit
        if better == "lower" or self.chance(0.2):
            metric["better"] = better
        if self.chance(0.3):
            metric["source"] = self.fill(self.rng.choice(METRIC_SOURCES), stage=stage.name)
        return metric

    def _evidence(self) -> list[dict[str, object]]:
        items: list[dict[str, object]] = []
        # Ten months back at most, so that the corpus stays clear of the one-year staleness
        # check for a while after the reference date.
        oldest = REFERENCE_DATE - dt.timedelta(days=300)
        span = (UPDATED - oldest).days
        # No more items than experiences, so that every item can be cited.
        for _ in range(min(max(self.size // 5, 3), 60, len(self._cells()))):
            kind, title, summary = self.rng.choice(EVIDENCE_KINDS)
            day = oldest + dt.timedelta(days=self.rng.randrange(span))
            evidence_id = self.ids.take("evidence", f"{kind}-{day:%Y-%m}")
            stage = self.rng.choice(self.stages)
            values = {
                "month": f"{day:%B %Y}",
                "stage": stage.name.lower(),
                "Stage": stage.name,
                "segment": self.rng.choice(SEGMENTS),
                "topic": _lower_first(self.fill(self.rng.choice(self.rng.choice(self.stages).pains).text)),
                "n": self.rng.randrange(120, 25_000),
                "k": self.rng.randrange(5, 24),
                "brand": self.brand,
            }
            item: dict[str, object] = {
                "id": evidence_id,
                "type": kind,
                "title": title.format(**values),
                "date": day,
                "summary": summary.format(**values),
            }
            if self.chance(0.7):
                item["link"] = f"https://research.{slugify(self.brand)}.example/{evidence_id}"
            elif self.chance(0.5):
                item["link"] = f"research/{evidence_id}.md"
            items.append(item)
            self.evidence_ids.append(evidence_id)
        self.uncited = self.rng.sample(self.evidence_ids, len(self.evidence_ids))
        return items

    def _cells(self) -> list[tuple[PersonaSpec, StageSpec, list[str]]]:
        """Every (persona, stage) in which the persona meets touchpoints, with those touchpoints."""
        cells = []
        for persona in self.personas:
            for position, stage in enumerate(self.stages):
                met = [
                    tp.id
                    for tp in self.touchpoints
                    if tp.stage == position and (tp.personas is None or persona.id in tp.personas)
                ]
                if met:
                    cells.append((persona, stage, met))
        return cells

    def _experiences(self) -> list[dict[str, object]]:
        return [self._experience(persona, stage, met) for persona, stage, met in self._cells()]

    def _experience(self, persona: PersonaSpec, stage: StageSpec, met: list[str]) -> dict[str, object]:
        rng = self.rng
        emotion = max(-2, min(2, round(rng.gauss(stage.mood, 1.0))))
        tasks = [self.fill(t) for t in rng.sample(stage.tasks, rng.randint(1, min(3, len(stage.tasks))))]
        sign = (emotion > 0) - (emotion < 0)
        thought = self.fill(rng.choice(THOUGHTS[sign]), task=_lower_first(rng.choice(tasks)))
        data: dict[str, object] = {
            "persona": persona.id,
            "stage": stage.id,
            "touchpoints": Flow(met),
            "tasks": tasks,
            "questions": [self.fill(q) for q in rng.sample(stage.questions, rng.randint(1, 2))],
            "emotion": emotion,
            "thoughts": thought,
        }
        if self.chance(0.35):
            data["influences"] = rng.sample(INFLUENCES, rng.randint(1, 3))
        # Every negative cell names what hurts; neutral and positive ones sometimes do.
        n_pains = {-2: 2, -1: 1}.get(emotion) or int(self.chance(0.3 if emotion == 0 else 0.1))
        if n_pains:
            pains = rng.sample(stage.pains, min(n_pains, len(stage.pains)))
            pain_data: list[object] = []
            opportunities: list[object] = []
            for pain in pains:
                pain_id = self.ids.take("pain point", f"{pain.id}-{persona.id}")
                severity = EMOTION_UP[pain.severity] if emotion == -2 else pain.severity
                pain_data.append({"id": pain_id, "text": self.fill(pain.text), "severity": severity})
                opportunities.append(
                    {
                        "id": self.ids.take("opportunity", f"{pain.fix_id}-{persona.id}"),
                        "text": self.fill(pain.fix),
                        "addresses": Flow([pain_id]),
                        "owner": self.team_for(stage),
                    }
                )
            data["pain_points"] = pain_data
            data["opportunities"] = opportunities
        # Each experience cites an item nobody has cited yet while there is one, and sometimes a second.
        cited = [self.uncited.pop() if self.uncited else rng.choice(self.evidence_ids)]
        second = rng.choice(self.evidence_ids)
        if second not in cited and self.chance(0.4):
            cited.append(second)
        data["evidence"] = Flow(cited)
        return data

    def _interactions(self) -> list[dict[str, object]]:
        """Interactions on messaging channels, one per (channel, stage, trigger type) at most."""
        messaging = [c for c in self.channels if c.message_type and c.mode == "digital"]
        free = {trigger: [(c, s) for c in messaging for s in range(len(self.stages))] for trigger in TRIGGER_TYPES}
        for combos in free.values():
            self.rng.shuffle(combos)
        order = list(TRIGGER_TYPES)
        self.rng.shuffle(order)
        interactions: list[dict[str, object]] = []
        for n in range(self.n_interactions):
            rotated = order[n % len(order) :] + order[: n % len(order)]
            available = [t for t in rotated if free[t]]
            if not available:
                break  # every (channel, stage, trigger) combination is used
            trigger_type = available[0]
            channel, position = free[trigger_type].pop()
            interactions.append(self._interaction(channel, position, trigger_type))
        return interactions

    def _interaction(self, channel: ChannelSpec, position: int, trigger_type: str) -> dict[str, object]:
        rng = self.rng
        stage = self.stages[position]
        in_stage = [tp for tp in self.touchpoints if tp.stage == position]
        task = _lower_first(self.fill(rng.choice(stage.tasks)))
        trigger: dict[str, object] = {"type": trigger_type}
        event_name = rng.choice(EXTERNAL_EVENTS)
        message = rng.choice(MESSAGES.get(trigger_type, ("",)))
        if trigger_type == "day_of_use":
            # A day of its own (several messages on one day to one persona is message fatigue), and a day
            # the persona spends in the stage: without typical durations each stage lasts a week and the
            # last one to the end of the year (docs/plan.md), else the message never fires (JK609).
            first = 7 * position
            last = 364 if position == len(self.stages) - 1 else first + 6
            free_days = [d for d in range(first, last + 1) if d not in self.days_used]
            days = [d for d in DAYS_OF_USE if d in free_days] or free_days or [first]
            day = rng.choice(days)
            self.days_used.add(day)
            trigger["day"] = day
            name = f"Day-{day} {rng.choice(DAY_TOPICS)}"
        elif trigger_type == "behavior":
            source = rng.choice(in_stage)
            trigger["event"] = source.events[0]
            if self.chance(0.7):
                trigger["within"] = rng.choice(WITHIN)
            name = f"{source.name} follow-up"
        elif trigger_type == "event":
            trigger["name"] = event_name
            if self.chance(0.6):
                trigger["location"] = rng.choice(LOCATIONS)
            name = f"{event_name} campaign"
        else:
            cron, name, message = rng.choice(SCHEDULES)
            trigger["cron"] = cron
        data: dict[str, object] = {
            "id": self.ids.take("interaction", f"{name} {stage.id} {channel.id}"),
            "name": f"{name} ({stage.name.lower()}, {channel.name.lower()})",
            "type": channel.message_type,
            "channel": channel.id,
            "stage": stage.id,
        }
        reached = [p.id for p in self.personas if any(tp.personas is None or p.id in tp.personas for tp in in_stage)]
        if len(reached) < len(self.personas) or self.chance(0.5):
            data["personas"] = Flow(rng.sample(reached, rng.randint(1, len(reached))))
        data["trigger"] = trigger
        data["message"] = _upper_first(self.fill(message, task=task, event=event_name))
        data["goal"] = rng.choice(GOALS)
        if self.chance(0.3):
            data["description"] = rng.choice(INTERACTION_NOTES).format(team=rng.choice(self.teams)[1])
        return data


def generate_map(index: int, touchpoints: int, seed: int) -> str:
    """The YAML text of one schema-valid journey map; the same arguments give the same text.

    ``index`` numbers the map within a corpus (it is part of the map id, so the maps of a
    corpus never share an id), ``touchpoints`` sets its size and ``seed`` the corpus. Stages
    are capped at the number of touchpoints for tiny maps, and interactions at the number
    of free (channel, stage, trigger type) combinations for huge ones.
    """
    return _MapBuilder(index, touchpoints, seed).build()


# --- command line ----------------------------------------------------------------------------


def _clean(outdir: Path) -> int:
    stale = sorted(outdir.glob("*.journey.yaml"))
    for path in stale:
        path.unlink()
    return len(stale)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write a benchmark corpus of realistic journey maps for journeykit.",
    )
    parser.add_argument("outdir", type=Path, help="directory to write the maps into (created if missing)")
    parser.add_argument("--maps", type=int, default=500, help="number of maps to write (default: 500)")
    parser.add_argument("--touchpoints", type=int, default=40, help="touchpoints per map (default: 40)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    parser.add_argument(
        "--single",
        action="store_true",
        help="write one map, big-<touchpoints>.journey.yaml, instead of a corpus",
    )
    parser.add_argument("--no-clean", action="store_true", help="keep the *.journey.yaml files already in OUTDIR")
    args = parser.parse_args(argv)
    if args.touchpoints < 1:
        parser.error("--touchpoints must be at least 1")
    if args.maps < 0:
        parser.error("--maps must not be negative")

    outdir: Path = args.outdir
    outdir.mkdir(parents=True, exist_ok=True)
    removed = 0 if args.no_clean else _clean(outdir)
    started = time.perf_counter()
    jobs = (
        [(outdir / f"big-{args.touchpoints}.journey.yaml", 0)]
        if args.single
        else [(outdir / f"map-{i:04d}.journey.yaml", i) for i in range(args.maps)]
    )
    total = 0
    for path, index in jobs:
        data = generate_map(index, args.touchpoints, args.seed).encode("utf-8")
        path.write_bytes(data)
        total += len(data)
    elapsed = time.perf_counter() - started
    average = total / len(jobs) if jobs else 0
    files = "file" if len(jobs) == 1 else "files"
    stale = f"; removed {removed} stale *.journey.yaml" if removed else ""
    print(
        f"wrote {len(jobs)} {files}, {total:,} bytes (average {average / 1024:.1f} KB) "
        f"to {outdir} in {elapsed:.2f}s{stale}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
