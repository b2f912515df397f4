"""Rule-level tests of the checker's lexicons: own paraphrases per kind (not the eval set),
in German (Sie/du, Swiss 'ss' and 'ß') and English, plus what the method recommends and must
never be flagged. Pure functions, no workspace: fast."""

from __future__ import annotations

import pytest

from gespraech_assistant.checker.eye_level import eye_level_hits
from gespraech_assistant.checker.facts import Names, analyze

NAMES = Names(companies={"acme": "Acme AG", "acme industries": "Acme AG"})

JOB_REQUESTS = [
    "Haben Sie bei Ihnen eine Stelle für jemanden wie mich?",
    "Gibt es in Ihrem Team gerade Vakanzen?",
    "Suchen Sie aktuell Verstärkung im Einkauf? Ich hätte Interesse.",
    "Könnten Sie mich Ihrem Chef als Kandidatin vorschlagen?",
    "Könnten Sie meine Bewerbung an die richtige Stelle weiterleiten?",
    "Wissen Sie, ob bei Acme demnächst Stellen ausgeschrieben werden?",
    "Dürfte ich Sie bei meiner Bewerbung als Referenz angeben?",
    "Könnten Sie sich für mich einsetzen, damit ich zum Gespräch eingeladen werde?",
    "Ist die Stelle als Projektleiter noch offen?",
    "Brauchen Sie nicht jemanden mit meiner Erfahrung?",
    "Hätten Sie vielleicht etwas für mich?",
    "Hast du was frei bei euch?",
    "Könntest du mein Dossier an eure HR weitergeben?",
    "Nehmen Sie zurzeit noch Leute auf?",
    "Könnten Sie mich Ihrer Personalabteilung vorstellen?",
    "Wissen Sie vielleicht, ob bei Ihnen etwas frei ist?",
    "Falls sich mal etwas ergeben sollte, würden Sie an mich denken?",
    "Ich würde gerne für Sie arbeiten – geht das?",
    "Wie stehen meine Chancen, bei Ihnen eine Stelle zu bekommen?",
    "Do you have any roles that would fit me?",
    "Are there any vacancies on your team?",
    "Would you be willing to pass my name on to the hiring manager?",
    "Is there a position for me at your company?",
    "Any chance of a job at Acme?",
    "Could you get me an interview?",
    "Would you be my reference for the role I applied to?",
    "Can you help me land a job at your company?",
    "Could you flag my application to the recruiter?",
    "Would you forward my profile to your HR team?",
    "If you hear of any openings, could you let me know?",
    "Is your company recruiting right now?",
    "Would you consider me for the role?",
    "Is there room for someone like me on your team?",
    "Are you looking to bring anyone on board soon? I'd be interested.",
]

DELEGATIONS = [
    "Was soll ich bloss machen?",
    "Was ist Ihrer Meinung nach der richtige nächste Schritt für mich?",
    "Welche Branche würde am besten zu mir passen?",
    "Wofür bin ich Ihrer Meinung nach geeignet?",
    "Welche Richtung würden Sie an meiner Stelle einschlagen?",
    "Können Sie mir sagen, was ich mit meiner Karriere anfangen soll?",
    "Was wäre für mich der richtige Job?",
    "Welchen Weg würden Sie mir raten?",
    "Was ist mein nächster Schritt?",
    "Bitte sagen Sie mir, welche Stelle ich nehmen soll.",
    "Wo würden Sie mich einordnen?",
    "In welche Richtung sollte ich mich entwickeln?",
    "Sollte ich mich lieber selbstständig machen oder angestellt bleiben?",
    "Was würdest du an meiner Stelle machen?",
    "What do you think my next step should be?",
    "What would you advise me to do?",
    "Which industry suits me best?",
    "What am I cut out for?",
    "Could you tell me what to do next?",
    "What would be the right job for me?",
    "Where should I go from here?",
    "Do you think I should switch industries?",
    "What's the best career move for me right now?",
    "Honestly, what should my next job be?",
    "Help me decide what I want to do.",
    "If you were in my shoes, what would you do?",
]

BURDENS = [
    "Ich bin am Verzweifeln.",
    "Ich halte das nicht mehr aus.",
    "Seit meiner Entlassung geht es mir richtig schlecht.",
    "Ich bin ehrlich gesagt ziemlich am Ende.",
    "Meine Ersparnisse sind bald aufgebraucht.",
    "Sie sind meine einzige Chance.",
    "Bitte, ich flehe Sie an.",
    "Ich fühle mich so nutzlos.",
    "Tut mir leid, dass ich so viel Ihrer Zeit beanspruche.",
    "Entschuldigen Sie vielmals die Störung.",
    "Ich weiss, das ist eine blöde Frage, aber wie ist das bei Ihnen?",
    "Ich weiß, das ist eine blöde Frage.",
    "Ich bin 58 und keiner will mich mehr.",
    "Ich habe Angst, dass ich nie wieder eine Stelle finde.",
    "Ich brauche diesen Job wirklich.",
    "I'm at my wits' end.",
    "I've been out of work for eight months and it's killing me.",
    "I'm really struggling, to be honest.",
    "Please, I really need this.",
    "I'm terrified I'll never work again.",
    "You're the only one who can help me.",
    "I'm so sorry to take up your time like this.",
    "Apologies for wasting your time.",
    "I'm probably not good enough for anyone.",
    "My rent is due and I have nothing lined up.",
    "I feel worthless.",
    "Nobody calls me back anymore.",
    "I'm begging you.",
    "Can you please help me, I'm running out of options.",
]

GOOD = [
    "Kennen Sie jemanden bei Acme, der im Einkauf arbeitet?",
    "Wären Sie bereit, mich mit Frau Lenz bekannt zu machen?",
    "Wie schätzen Sie meine Chancen als Quereinsteigerin bei Medtech-Firmen ein?",
    "Was fehlt mir aus Ihrer Sicht noch für eine Rolle im Supply Chain Management?",
    "Ich möchte in die Medtech – welche Firmen auf meiner Liste würden Sie sich genauer anschauen?",
    "Darf ich Ihren Namen erwähnen, wenn ich mich bei Frau Wyss melde?",
    "Wie sind Sie damals zu Acme gekommen?",
    "Was schätzen Sie an Ihrer Arbeit am meisten?",
    "Welche Fähigkeiten braucht Ihr Team in Zukunft?",
    "Was müsste ich mitbringen, um in Ihrem Bereich Fuss zu fassen?",
    "Was müsste ich mitbringen, um in Ihrem Bereich Fuß zu fassen?",
    "Welche Herausforderungen sehen Sie im Wettbewerb mit Acme?",
    "Wie gross ist Ihr Team?",
    "Wie viele Leute arbeiten in deinem Team?",
    "Ich überlege, mich auf Supply Chain in der Medtech zu konzentrieren – wie schätzen Sie das ein?",
    "Wenn Sie meine Zielfirmenliste anschauen: Wen sollte ich dort unbedingt kennenlernen?",
    "Which of the companies on my list would you approach first?",
    "What would make my profile more convincing for medtech employers?",
    "Is there anyone else you think I should speak with?",
    "How do you see the market for battery storage developing?",
    "What's the most important thing you learned in your first year?",
    "Would you mind if I mention that we spoke when I contact Lea Petersen?",
    "How do people usually get hired into your team?",
    "What are the typical entry points for career changers in your company?",
    "Thanks for taking the time to meet me.",
    "What skills will your team need in two years?",
    "How big is your team, and how is it organised?",
    "Acme has grown to 1,450 employees – how has that changed collaboration between sites?",
    "Bei einem Umsatz von CHF 412 Mio. – wo sehen Sie die grössten Wachstumschancen?",
    "What did you find hardest when you moved into this industry?",
    "Could you introduce me to someone in procurement?",
    "I'm planning to move into procurement – where would someone like me struggle?",
    "Where do you see the biggest gaps in my profile for a role in logistics?",
    "Wo sehen Sie Lücken in meinem Profil für eine Rolle in der Logistik?",
]

RESEARCHABLE = [
    "Wie viele Leute arbeiten bei Ihnen?",
    "Wie gross ist Ihre Firma eigentlich?",
    "Wer leitet Ihr Unternehmen?",
    "Wer hat die Firma gegründet?",
    "Wann wurde Ihre Firma gegründet?",
    "In welchen Märkten sind Sie aktiv?",
    "Wo haben Sie überall Standorte?",
    "Wie viel Umsatz machen Sie?",
    "Wer sind Ihre wichtigsten Kunden?",
    "Wer sind Ihre Hauptkonkurrenten?",
    "Ist Ihr Unternehmen börsenkotiert?",
    "Was stellen Sie her?",
    "Was bietet Ihre Firma an?",
    "Was macht Acme genau?",
    "What does Acme do?",
    "What's your annual turnover?",
    "Who runs the company?",
    "Who's your CEO?",
    "Where are you based?",
    "What markets do you serve?",
    "Who owns the company?",
    "How long has your company been around?",
    "When did you go public?",
    "What's your company's vision?",
    "Who are your biggest customers?",
    "How many offices do you have?",
    "Which countries are you active in?",
    "What do you sell?",
    "Could you walk me through what your company does?",
]


def kinds(question: str) -> set[str]:
    return {hit.kind for hit in eye_level_hits(question)}


@pytest.mark.parametrize("question", JOB_REQUESTS)
def test_job_requests_are_found(question):
    assert "job_request" in kinds(question)


@pytest.mark.parametrize("question", DELEGATIONS)
def test_delegation_is_found(question):
    assert "delegation" in kinds(question)


@pytest.mark.parametrize("question", BURDENS)
def test_burden_is_found(question):
    assert "burden" in kinds(question)


@pytest.mark.parametrize("question", GOOD)
def test_recommended_questions_pass(question):
    assert kinds(question) == set()
    query = analyze(question, NAMES)
    # questions about the partner's own team are fine unless the notes already answer them
    assert query is None or (query.partner and not query.concept.basic)


@pytest.mark.parametrize("question", RESEARCHABLE)
def test_basic_company_facts_are_fact_questions(question):
    query = analyze(question, NAMES)
    assert query is not None and query.concept is not None and query.concept.basic
    assert kinds(question) == set()


def test_triggers_quote_the_users_own_words():
    hits = eye_level_hits("Wissen Sie vielleicht, ob bei Ihnen etwas frei wird?")
    assert hits[0].kind == "job_request"
    assert "etwas frei" in hits[0].triggers[0]  # original spelling, not the folded form


def test_swiss_and_german_spelling_match_alike():
    assert (
        kinds("Ich weiß nicht mehr weiter.") == kinds("Ich weiss nicht mehr weiter.") == {"burden"}
    )


# ---- word classes and their combinations (checker/wordclasses.py): own paraphrases that no
# fixed phrase above foresaw; each line combines a request form, a job object and the user as
# beneficiary (or a deontic self-question with a goal verb, or a first-person distress class)
CLASS_JOB_REQUESTS = [
    "Können Sie mich bei Acme für eine Stelle empfehlen?",
    "Haben Sie eine Anstellung für mich?",
    "Hätten Sie einen Praktikumsplatz für mich?",
    "Wäre bei Ihnen in der Logistik eine Stelle für mich frei?",
    "Stellen Sie zurzeit ein?",
    "Sucht Ihr Team noch jemanden?",
    "Gibt es bei Acme eine Möglichkeit, als Quereinsteiger anzufangen?",
    "Gibt's bei euch grad was Freies?",
    "Ich würde mich freuen, wenn Sie meinen Lebenslauf an Frau Wyss weitergeben.",
    "Können Sie mir ein Vorstellungsgespräch bei Ihrem Chef verschaffen?",
    "Is your team looking for new people?",
    "Would you recommend me for the opening in your team?",
    "Would you mind forwarding my CV to your talent team?",
    "I was wondering whether there might be any roles in strategy where I could be useful?",
    "What would it take for you to bring me on board?",
    "Could I maybe come in for an interview with your team sometime?",
    "Would you put me forward for the project manager opening?",
]
CLASS_DELEGATIONS = [
    "Where should I apply?",
    "Wo soll ich mich bewerben?",
    "Welchen Beruf soll ich wählen?",
    "Which team at Acme should I try to get into?",
    "Was meinst du, soll ich lieber in die Produktentwicklung oder in den Vertrieb?",
    "Should I go into medtech or logistics?",
    "Ich schwanke zwischen Medtech und Energie – wofür soll ich mich entscheiden?",
    "Please just tell me what my goal should be.",
    "Könnten Sie für mich einen Plan machen, wie ich in die Branche komme?",
    "Was würden Sie mir als nächsten Karriereschritt empfehlen?",
    "Which of these two offers should I accept?",
]
CLASS_BURDENS = [
    "Ich bin langsam am Verzweifeln mit der Jobsuche.",
    "Ich fühle mich total überfordert mit der Stellensuche.",
    "Meine Familie macht mir Druck, ich muss endlich etwas finden.",
    "Ich kann die Miete bald nicht mehr zahlen.",
    "Ich bin ausgesteuert und weiss nicht, wie es weitergeht.",
    "Ich schäme mich, dass ich noch immer nichts gefunden habe.",
    "Mir geht das Geld aus.",
    "Du bist der Einzige, der mir jetzt noch helfen kann.",
    "I've been unemployed for a year and I'm desperate.",
    "My savings are almost gone.",
    "I'm under a lot of pressure to find a job quickly.",
    "Nobody ever replies to my applications, what's wrong with me?",
    "I'm sorry, I'm sorry – this conversation means everything to me.",
    "I really, really need this job, please.",
]
# good questions that brush against those classes and must stay clean
CLASS_GOOD = [
    "Is hiring harder in your industry now than five years ago?",
    "Do you think the market is desperate for grid engineers?",
    "Welche Rollen sind bei Ihnen am schwersten zu besetzen?",
    "Wie geht Ihr Team mit dem Druck durch die MDR um?",
    "Where should I start reading about the MDR?",
    "What should I highlight in my CV for a medtech role?",
    "Wie sollte ich mich auf ein Gespräch mit Ihrem Chef vorbereiten?",
    "How did you land your current job?",
    "Wie läuft bei Ihnen ein typischer Bewerbungsprozess ab?",
    "Could you recommend a book or podcast about grid storage?",
    "Können Sie mir jemanden empfehlen, mit dem ich über Regulatory sprechen könnte?",
    "Sorry, could you say a bit more about that?",
    "Was hat Sie an der Stelle bei Acme gereizt?",
    "Wie offen ist Ihre Firma für Quereinsteiger?",
    "If you were hiring for your team, what would you look for?",
    "How do you decide which battery projects to prioritise?",
    "Darf ich Ihnen nach dem Gespräch eine kurze Zusammenfassung schicken?",
    "What does a typical interview process look like in your industry?",
]


@pytest.mark.parametrize("question", CLASS_JOB_REQUESTS)
def test_word_class_job_requests(question):
    assert "job_request" in kinds(question)


@pytest.mark.parametrize("question", CLASS_DELEGATIONS)
def test_word_class_delegation(question):
    assert "delegation" in kinds(question)


@pytest.mark.parametrize("question", CLASS_BURDENS)
def test_word_class_burden(question):
    assert "burden" in kinds(question)


@pytest.mark.parametrize("question", CLASS_GOOD)
def test_word_classes_leave_good_questions_alone(question):
    assert kinds(question) == set()


def test_word_class_evidence_is_the_users_words_most_telling_first():
    hits = {
        h.kind: h for h in eye_level_hits("Können Sie mich bei Acme für eine Stelle empfehlen?")
    }
    assert "Stelle" in hits["job_request"].triggers[0]
    assert "empfehlen" in hits["job_request"].triggers[0]


# ---- round 3 word classes (own paraphrases): Swiss forms, the partner providing a job or
# using the user "as X", subordinate German "ich ... soll", role swaps, grievances against a
# former employer, crying/overwhelm, hopelessness "whatever I do"
ROUND3_JOB_REQUESTS = [
    "Chönd Sie mir nöd e Stell bi Acme vermittle? Für mich wär das ideal.",
    "Könnten Sie mir in Ihrer Abteilung einen Job verschaffen?",
    "Würden Sie mich als Teamleiterin in Ihrem Projekt einsetzen?",
    "Could you offer me a fixed-term contract on the migration project?",
    "Would you think about taking me on as an analyst?",
    "Bräuchten Sie in Zürich nicht genau jemanden wie mich?",
    "Please just get me back in at Acme, whatever role.",
]
ROUND3_DELEGATIONS = [
    "Sagen Sie mir doch, in welcher Branche ich mich bewerben soll.",
    "Stünden Sie in meinen Schuhen, was würden Sie tun?",
    "What would you do if you were a 45-year-old teacher trying to get into IT?",
    "Which kind of company do you think I really belong in?",
    "Können Sie mir sagen, was ich eigentlich will?",
    "Which of the two divisions should I be aiming for?",
    "What sort of role would suit someone like me?",
]
ROUND3_BURDENS = [
    "Mein letzter Arbeitgeber hat mich nach 15 Jahren einfach abserviert, das ist so ungerecht.",
    "My last manager lied to me about the restructuring for a year.",
    "Sorry, mir kommen gerade die Tränen, ich muss kurz weinen.",
    "Egal was ich mache, es klappt einfach nie.",
    "Seit Monaten will mich niemand mehr einladen, und jetzt will mich keiner mehr.",
    "All these interviews and everyone keeps rejecting me.",
    "This whole search is killing me.",
]
ROUND3_GOOD = [
    "An Ihrer Stelle – welche Fragen würden Sie in einem Informationsgespräch stellen?",
    "Sagen Sie mir, wo ich die Studie zur Marktentwicklung finde?",
    "Which contacts should I reach out to first on my target list?",
    "Wie gehen Sie mit unfairem Preisdruck von Konkurrenten um?",
    "What were the lessons from the warehouse automation?",
]


@pytest.mark.parametrize("question", ROUND3_JOB_REQUESTS)
def test_round3_job_requests(question):
    assert "job_request" in kinds(question)


@pytest.mark.parametrize("question", ROUND3_DELEGATIONS)
def test_round3_delegation(question):
    assert "delegation" in kinds(question)


@pytest.mark.parametrize("question", ROUND3_BURDENS)
def test_round3_burden(question):
    assert "burden" in kinds(question)


@pytest.mark.parametrize("question", ROUND3_GOOD)
def test_round3_good_questions_pass(question):
    assert kinds(question) == set()


def test_round3_fact_classes():
    """New basic facts and asks: funding, register entry, fleet, market cap, 'from when',
    a vocative name before the ask, an initial in a company name."""
    names = Names(
        companies={"acme": "Acme AG"}, persons={"anna meier": "Anna Meier", "meier": "Anna Meier"}
    )
    cases = {
        "Which investors took part in Acme's last funding round?": "funding",
        "Wie hoch ist das Aktienkapital von Acme?": "register",
        "How many trucks does Acme run?": "fleet",
        "What is Acme's market cap?": "listing",
        "What was Acme's net income last year?": "profitability",
    }
    for question, concept in cases.items():
        query = analyze(question, names)
        assert query is not None and query.concept is not None, question
        assert query.concept.name == concept, question
    assert analyze("What was Acme's net income last year?", names).ask == "count"
    assert analyze("From when will Acme sell in Asia?", names).ask == "time"
    assert analyze("Anna, wie viele Leute arbeiten in Basel?", names) is not None
    assert analyze("Wer hat B. Braun gegründet?", names).concept.name == "founding"
    besides = analyze("Who besides Anna Meier sits on Acme's board?", names)
    assert "meier" in besides.excluded and "board" in besides.roles


# ---- QA round: the partner's hiring challenge, 'was beschäftigt Sie', counting asks
@pytest.mark.parametrize(
    "question",
    [
        "Wie sehr beschäftigt Sie im Moment die Umstellung auf Giga-Casting?",
        "What occupies you most in your plant these days?",
        "How is your team handling the hiring of data scientists?",
        "Are you recruiting for the new site in Ostrava, and which skills are hardest to find?",
        "Suchen Sie Leute für das Werk in Ostrava, und welche Profile sind am schwersten zu finden?",
    ],
)
def test_partners_challenge_is_no_fact_and_no_job_request(question):
    assert kinds(question) == set()
    assert analyze(question, NAMES) is None


@pytest.mark.parametrize(
    "question",
    [
        "Sucht Ihr Team im Moment jemanden für die Arbeitsvorbereitung?",
        "Is your team recruiting at the moment?",
        "Are you hiring for Ostrava, and which profiles are hard to find – would mine fit?",
        "Is Acme hiring buyers this year?",
    ],
)
def test_asking_whether_there_is_an_opening_stays_a_job_request(question):
    assert "job_request" in kinds(question)


def test_headcount_verb_still_asks_for_employees():
    query = analyze("Wie viele Leute beschäftigt Acme?", NAMES)
    assert query is not None and query.concept.name == "employees"


def test_in_wie_vielen_and_past_tenure_are_fact_asks():
    countries = analyze("In wie vielen Märkten ist Acme aktiv?", NAMES)
    assert countries is not None and countries.concept.name == "countries"
    assert countries.ask == "count" and "vielen" not in countries.terms
    tenure = analyze("Wie lange waren Sie bei Acme?", NAMES)
    assert tenure is not None and tenure.partner and tenure.concept.name == "tenure"


def test_a_trigger_word_is_not_repeated_inside_its_phrase():
    hits = eye_level_hits("Are you hiring?")
    assert hits[0].triggers == ["Are you hiring"]


def test_suggestion_templates_claim_nothing_the_note_does_not_say():
    from gespraech_assistant.checker import suggest

    employees = suggest.answered_rewrite("de", "employees", "Rund 640 Mitarbeitende.", [])
    assert "640" in employees and "Wachstum" not in employees
    assert "Wachstum" not in suggest.answered_rewrite("de", "employees", "", [])
    # the headcount is the number beside its word, not the countries before it
    text = "Aktiv in 35 Ländern, rund 2'300 Mitarbeitende."
    assert suggest.key_value("employees", text, []) == "2'300"
    revenue = suggest.answered_rewrite("de", "revenue", "Umsatz 2023: CHF 2,7 Mia.", [])
    assert "CHF 2,7 Mia." in revenue
    assert suggest.key_value("revenue", "Turnover of EUR 410 Mio. in 2024.", []) == "EUR 410 Mio."
    assert "1872" in suggest.answered_rewrite("de", "founding", "Gegründet 1872 in Rorschach.", [])


def test_delegation_goal_never_a_pronoun_or_the_partners_role():
    from gespraech_assistant.checker import suggest

    assert suggest.goal_of("Würden Sie, ehrlich gesagt, an meiner Stelle wechseln?", []) is None
    assert suggest.goal_of("Sagen Sie, was soll ich tun?", []) is None
    assert suggest.goal_of("Soll ich eher in die Pharma oder in die Logistik?", []) == (
        "option",
        "Pharma",
    )
    role = suggest.delegation_rewrite("de", ("role", "Einkaufsleiterin"))
    assert "auf eine Rolle als Einkaufsleiterin zu konzentrieren" in role
    placeholder = suggest.delegation_rewrite("de", None)
    assert "[Ihr Ziel, z. B." in placeholder and "auf Sie" not in placeholder
    assert "[your goal, e.g." in suggest.delegation_rewrite("en", None)
