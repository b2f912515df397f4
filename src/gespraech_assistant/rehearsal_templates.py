"""The offline partner's phrases, German and English. Several variants per reaction so that the
same sentence does not come back every turn; the session remembers which ones were used."""

from __future__ import annotations

TEMPLATES: dict[str, dict[str, list[str]]] = {
    "opening": {
        "de": [
            "Guten Tag, hier ist {name}. {intro} Ich habe etwa {minutes} Minuten – erzählen Sie, worum geht es Ihnen?",
            "Grüezi, {name} am Apparat. {intro} Schön, dass es geklappt hat. Wo möchten Sie anfangen?",
            "Hallo, {name} hier. {intro} Ich habe rund {minutes} Minuten. Was haben Sie auf dem Herzen?",
        ],
        "en": [
            "Hello, {name} speaking. {intro} I have about {minutes} minutes – tell me, what is it about?",
            "Hi, this is {name}. {intro} Glad this worked out. Where would you like to start?",
            "Good to meet you, {name} here. {intro} I've got roughly {minutes} minutes. What's on your mind?",
        ],
    },
    "intro_by": {
        "de": ["{introducer} hat erwähnt, dass Sie mit mir über {topic} sprechen wollten."],
        "en": ["{introducer} mentioned you wanted to talk to me about {topic}."],
    },
    "intro_again": {
        "de": ["Schön, wieder von Ihnen zu hören – seit unserem Gespräch am {date} ist einiges passiert."],
        "en": ["Good to hear from you again – a lot has happened since we talked on {date}."],
    },
    "intro_plain": {
        "de": ["Danke für Ihre Nachricht."],
        "en": ["Thanks for reaching out."],
    },
    "naive": {
        "de": [
            "Hm, das finden Sie eigentlich auf unserer Website oder im Geschäftsbericht. Was möchten Sie darüber hinaus wissen?",
            "Das ist öffentlich, das steht im Geschäftsbericht. Ich hatte gehofft, wir reden über Dinge, die man nicht nachlesen kann.",
            "(kurze Pause) Das können Sie nachlesen, auf unserer Website steht das ziemlich ausführlich. Haben Sie eine konkretere Frage?",
            "Ehrlich gesagt: Das steht alles öffentlich. Wofür brauchen Sie da mich?",
        ],
        "en": [
            "Hm, you'll find that on our website or in the annual report. What would you like to know beyond that?",
            "That's public – it's in the annual report. I was hoping we'd talk about things you can't read up on.",
            "(short pause) You can look that up, our website covers it in detail. Do you have a more specific question?",
            "Honestly, that's all public. What do you need me for there?",
        ],
    },
    "naive_other": {
        "de": [
            "Das steht bei {company} sicher auf der Website oder im Geschäftsbericht. Was möchten Sie darüber hinaus wissen?",
            "Das können Sie über {company} nachlesen. Spannender wäre, was Sie dort interessiert.",
        ],
        "en": [
            "That's surely on {company}'s website or in their annual report. What would you like to know beyond that?",
            "You can read that up about {company}. More interesting would be what draws you there.",
        ],
    },
    "job_request": {
        "de": [
            "Hm. Für Bewerbungen bin ich ehrlich gesagt nicht die richtige Person, das läuft bei uns über HR. Worüber wollten Sie eigentlich mit mir sprechen?",
            "Offene Stellen stehen auf unserer Karriereseite. Versprechen kann ich da nichts.",
            "Ich verstehe, aber dafür habe ich mir die Zeit eigentlich nicht genommen. Reden wir lieber über die Branche.",
            "Darauf habe ich keinen Einfluss, tut mir leid.",
        ],
        "en": [
            "Hm. Honestly, I'm not the right person for applications, that goes through HR. What did you actually want to talk about?",
            "Open positions are on our careers page. I can't promise anything there.",
            "I understand, but that's not really what I set this time aside for. Let's talk about the industry instead.",
            "I have no say in that, I'm afraid.",
        ],
    },
    "delegation": {
        "de": [
            "Was ist denn Ihr Ziel? Das müssen Sie mir schon sagen, sonst kann ich Ihnen schlecht helfen.",
            "Das kann ich Ihnen nicht abnehmen. Was wollen Sie denn selbst erreichen?",
            "Schwer zu sagen, ich kenne Ihre Pläne ja nicht. Wohin soll es für Sie gehen?",
        ],
        "en": [
            "What is your goal, though? You'll have to tell me, otherwise I can hardly help.",
            "I can't decide that for you. What do you want to achieve yourself?",
            "Hard to say, I don't know your plans. Where do you want to go?",
        ],
    },
    "burden": {
        "de": [
            "Oh. Das tut mir leid zu hören. … Ja.",
            "Hm, das ist sicher nicht einfach. Was wollten Sie mich denn fragen?",
            "Verstehe. (Pause) Das ist schwierig.",
            "Das klingt belastend. Ich weiss nicht recht, was ich dazu sagen soll.",
        ],
        "en": [
            "Oh. I'm sorry to hear that. … Yes.",
            "Hm, that can't be easy. What did you want to ask me?",
            "I see. (pause) That's difficult.",
            "That sounds hard. I'm not sure what to say.",
        ],
    },
    "contacts": {
        "de": [
            "Da fällt mir {people} ein. Ich frage gern nach, ob ein kurzer Austausch passt – schicken Sie mir zwei, drei Zeilen zu Ihnen.",
            "Sprechen Sie mit {people}. Sagen Sie ruhig, dass Sie von mir kommen.",
            "{people} – das wäre ein guter Kontakt für Sie. Ich stelle gern die Verbindung her.",
        ],
        "en": [
            "{people} comes to mind. I'm happy to ask whether a short chat would work – send me two or three lines about yourself.",
            "Talk to {people}. Feel free to say you come from me.",
            "{people} – that would be a good contact for you. I'm happy to make the connection.",
        ],
    },
    "contacts_again": {
        "de": ["Die Namen habe ich Ihnen ja schon genannt: {people}. Mehr fällt mir im Moment nicht ein."],
        "en": ["I already mentioned {people}. Nobody else comes to mind right now."],
    },
    "contacts_none": {
        "de": [
            "Spontan fällt mir niemand ein, der wirklich passt. Schicken Sie mir Ihre Zielfirmen, dann schaue ich in Ruhe durch.",
            "Da muss ich überlegen – ich will Ihnen niemanden nennen, den ich nicht wirklich kenne. Ich melde mich.",
        ],
        "en": [
            "Nobody who really fits comes to mind. Send me your target companies and I'll go through them.",
            "Let me think about that – I don't want to name anyone I don't really know. I'll get back to you.",
        ],
    },
    "contacts_none_at": {
        "de": [
            "Bei {company} kenne ich ehrlich gesagt niemanden. Ich überlege mir aber gern, wer aus meinem Umfeld dort jemanden kennen könnte.",
            "Bei {company} habe ich keinen direkten Kontakt, soweit ich weiss. Lassen Sie mich darüber nachdenken – ich melde mich, falls mir jemand einfällt.",
        ],
        "en": [
            "Honestly, I don't know anyone at {company}. But I'm happy to think about who in my circle might.",
            "I have no direct contact at {company} as far as I know. Let me think about it – I'll get back to you if someone comes to mind.",
        ],
    },
    "walk_open": {
        "de": ["Zeigen Sie mal Ihre Liste.", "Gehen wir sie durch.", "Gut, schauen wir mal."],
        "en": ["Let me see your list.", "Let's go through it.", "Alright, let's have a look."],
    },
    "walk_people": {
        "de": ["Bei {company} würde ich mit {people} anfangen."],
        "en": ["At {company} I'd start with {people}."],
    },
    "walk_fact": {
        "de": ["{company}: Soweit ich weiss – {fact}"],
        "en": ["{company}: as far as I know – {fact}"],
    },
    "walk_unknown": {
        "de": ["{company} kenne ich nur vom Namen."],
        "en": ["{company} I only know by name."],
    },
    "walk_close": {
        "de": ["Wo soll ich nachfragen?", "Welche davon ist Ihnen am wichtigsten?"],
        "en": ["Where should I ask around?", "Which of these matters most to you?"],
    },
    "walk_empty": {
        "de": ["Schicken Sie mir die Liste doch per Mail, dann schaue ich sie in Ruhe durch."],
        "en": ["Send me the list by email and I'll go through it properly."],
    },
    "feedback": {
        "de": [
            "Ehrlich gesagt: {strength} – das ist bei uns gefragt, gerade weil {challenge} {gap}",
            "Offen gesagt sehe ich Chancen: {strength} passt zu dem, was uns umtreibt – {challenge} {gap}",
        ],
        "en": [
            "Honestly: {strength} – that's in demand here, precisely because {challenge} {gap}",
            "Frankly, I see a chance: {strength} fits what keeps us busy – {challenge} {gap}",
        ],
    },
    "feedback_plain": {
        "de": ["Ohne Ihr Profil genau zu kennen: Zeigen Sie mit einem konkreten Beispiel und einer Zahl, was Sie bewegt haben. {gap}"],
        "en": ["Without knowing your profile in detail: show one concrete example with a number of what you achieved. {gap}"],
    },
    "gap_industry": {
        "de": ["Was ich kritisch sehe: In Ihrem Werdegang finde ich keine Station in {industry}. Das würde ich offen ansprechen."],
        "en": ["What I'd be critical about: I don't see a position in {industry} in your background. I'd address that openly."],
    },
    "gap_unknown": {
        "de": ["Um Lücken ehrlich zu benennen, weiss ich zu wenig über Ihren Werdegang – was bringen Sie für {industry} konkret mit?"],
        "en": ["To name gaps honestly I know too little about your background – what exactly do you bring to {industry}?"],
    },
    "gap_none": {
        "de": ["Eine offensichtliche Lücke sehe ich nicht – bleiben Sie bei konkreten Beispielen."],
        "en": ["I don't see an obvious gap – keep to concrete examples."],
    },
    "gap_numbers": {
        "de": ["Was mir fehlt, sind konkrete Zahlen zu Ihren Erfolgen."],
        "en": ["What I'm missing are concrete numbers on your results."],
    },
    "goal_ack": {
        "de": [
            "Gut, das ist klar. Dann fragen Sie – ich erzähle, was ich weiss.",
            "Verstehe, das ist ein vernünftiges Ziel. Womit fangen wir an?",
            "Okay, damit kann ich etwas anfangen.",
        ],
        "en": [
            "Good, that's clear. Go ahead and ask – I'll tell you what I know.",
            "I see, that's a sensible goal. Where shall we start?",
            "Okay, I can work with that.",
        ],
    },
    "answer": {
        "de": ["Gute Frage. {fact}", "Bei uns ist das gerade ein grosses Thema. {fact}", "Ganz konkret: {fact}",
               "Was ich dazu sagen kann: {fact}", "Ja, das beschäftigt uns. {fact}"],
        "en": ["Good question. {fact}", "That's a big topic for us right now. {fact}", "Concretely: {fact}",
               "What I can say is this: {fact}", "Yes, that keeps us busy. {fact}"],
    },
    "answer_cool": {
        "de": ["{fact}", "Kurz: {fact}"],
        "en": ["{fact}", "In short: {fact}"],
    },
    "answer_none": {
        "de": [
            "Gute Frage – ehrlich gesagt ist das bei uns noch offen. Wie würden Sie das angehen?",
            "Da kann ich nicht viel dazu sagen, das ist nicht mein Bereich.",
            "Hm, das müsste ich selbst nachfragen.",
        ],
        "en": [
            "Good question – honestly, that's still open for us. How would you approach it?",
            "I can't say much about that, it's not my area.",
            "Hm, I'd have to ask around myself.",
        ],
    },
    "warm_follow": {
        "de": ["Wie sehen Sie das aus Ihrer Erfahrung?", "Kennen Sie das aus Ihrer letzten Firma?",
               "Das ist übrigens eine Frage, die mir selten gestellt wird."],
        "en": ["How do you see that from your experience?", "Do you know that from your last company?",
               "That's a question I rarely get, by the way."],
    },
    "thanks": {
        "de": ["Gern geschehen.", "Sehr gerne – halten Sie mich auf dem Laufenden.", "Kein Problem, hat mich gefreut."],
        "en": ["You're welcome.", "My pleasure – keep me posted.", "No problem, I enjoyed it."],
    },
    "how_are_you": {
        "de": ["Danke, gut – viel los im Moment, aber das ist ja gut so. Und bei Ihnen?",
               "Alles bestens, danke der Nachfrage. Also – was kann ich für Sie tun?",
               "Gut, danke – die Woche ist dicht, aber ich freue mich auf unser Gespräch."],
        "en": ["Fine, thanks – a lot going on, but that's a good thing. And you?",
               "All good, thanks for asking. So – what can I do for you?",
               "Good, thanks – a busy week, but I'm glad we're talking."],
    },
    "greeting": {
        "de": ["Grüezi. Schön, dass es geklappt hat – worum geht es Ihnen?",
               "Guten Tag. Legen Sie los, ich bin gespannt.",
               "Hallo, freut mich. Was führt Sie zu mir?",
               "Guten Tag. Erzählen Sie – wo stehen Sie gerade?"],
        "en": ["Hello. Glad this worked out – what is it about?",
               "Hi. Go ahead, I'm curious.",
               "Hello, nice to meet you. What brings you to me?",
               "Good to meet you. Tell me – where are you at right now?"],
    },
    "greeting_thanks": {
        "de": ["Gern, das mache ich gern. Worum geht es Ihnen?",
               "Keine Ursache – ich habe mir die Zeit gern genommen. Wo möchten Sie anfangen?",
               "Sehr gern. Erzählen Sie, was Sie vorhaben."],
        "en": ["Of course, happy to. What is it about?",
               "No problem – I'm glad to make the time. Where would you like to start?",
               "My pleasure. Tell me what you have in mind."],
    },
    "small_talk": {
        "de": ["Ja, freut mich auch.", "Ja, das stimmt. Also – was führt Sie zu mir?",
               "Hm, ja. Aber erzählen Sie: Worum geht es Ihnen?"],
        "en": ["Yes, likewise.", "Yes, true. So – what brings you to me?",
               "Hm, yes. But tell me: what is it about?"],
    },
    "offer_ack": {
        "de": ["Oh, das wäre tatsächlich interessant – gerne.", "Das nehme ich gern an, danke.",
               "Gute Idee, schicken Sie mir das."],
        "en": ["Oh, that would actually be interesting – sure.", "I'll gladly take you up on that, thanks.",
               "Good idea, send it over."],
    },
    "neutral": {
        "de": ["Mhm. Und was heisst das konkret für Sie?", "Verstehe. Worauf wollen Sie hinaus?", "Okay. Erzählen Sie weiter."],
        "en": ["Mhm. And what does that mean for you concretely?", "I see. What are you getting at?", "Okay. Go on."],
    },
    "close_time": {
        "de": ["Ich muss leider in den nächsten Termin. Es hat mich gefreut – melden Sie sich, wenn ich etwas tun kann.",
               "So, meine Zeit ist leider um. Alles Gute – und halten Sie mich auf dem Laufenden."],
        "en": ["I'm afraid I have to go to my next meeting. It was a pleasure – get in touch if I can do anything.",
               "Right, my time is up, I'm afraid. All the best – and keep me posted."],
    },
    "close_rapport": {
        "de": ["Ich glaube, da kann ich Ihnen nicht weiterhelfen. Ich muss jetzt leider weiter – alles Gute.",
               "Ich muss hier leider abbrechen. Viel Erfolg bei der Suche."],
        "en": ["I don't think I can help you there. I have to move on now – all the best.",
               "I'm afraid I have to stop here. Good luck with your search."],
    },
    "goodbye": {
        "de": ["Auf Wiedersehen und viel Erfolg!", "Alles Gute – und melden Sie sich, wie es weitergeht."],
        "en": ["Goodbye and good luck!", "All the best – let me know how it goes."],
    },
    "thanks_prefix": {"de": ["Gerne."], "en": ["You're welcome."]},
    "time_left": {
        "de": ["Wir haben noch etwa {left} Minuten."],
        "en": ["We have about {left} minutes left."],
    },
}  # fmt: skip
