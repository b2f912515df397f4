"""Eye level from word classes and their combinations, not from example sentences.

A job request is a request form (could you / haben Sie / gibt es ...) plus a job object (Stelle,
opening, CV, interview ...) with the user as beneficiary (mich / mir / me / for me); delegation
is a deontic self-question (what / where / which job ... should I) with a goal verb (do, apply,
choose ...), or a role swap (in my shoes); burden is a first-person negative state, pressure,
pleading or an apology for the partner's time. Each class is a small lexicon with its German
inflections and English forms; a rule fires when all its classes occur in one sentence, and
the evidence is the words that made each class match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gespraech_assistant.checker.text import fold_map, original_span


def _alt(*forms: str) -> str:
    return r"\b(?:" + "|".join(forms) + r")\b"


# ---------------------------------------------------------------- shared classes
ME_OBJECT = _alt(r"mich", r"me", r"my name", r"meinen namen")
FOR_ME = _alt(
    r"fuer mich",
    r"fuer jemanden (?:wie mich|mit meine\w*)",
    r"for me",
    r"for someone (?:like me|with my \w+)",
    r"jemanden wie mich",
    r"someone like me",
    r"leute wie mich",
    r"people like me",
)
FIRST_PERSON = _alt(
    r"ich", r"mich", r"mir", r"mein\w*", r"i", r"i'm", r"i've", r"ive", r"i'd", r"me", r"my",
    r"myself",
)  # fmt: skip
USER_ASKS = _alt(r"(?:koennte|kann|darf|duerfte|wuerde) ich", r"(?:could|can|may|might) i")
AT_YOU = _alt(
    r"bei (?:ihnen|euch|dir)",
    r"in (?:ihrem|eurem|deinem) (?:team|bereich|unternehmen|haus)",
    r"in ihrer (?:firma|abteilung)",
    r"(?:at|in|on|with) (?:your (?:company|firm|team|department|place)|you guys)",
)
# the partner (or their firm) as the one who acts: a request or an inquiry
PARTNER_ACTS = _alt(
    r"(?:koennen|koennten|wuerden|werden|haben|haetten|wissen|wuessten|moegen|moechten"
    r"|duerfte|darf|wollen|wuerden) (?:sie|ihr)",
    r"(?:kannst|koenntest|wuerdest|hast|haettest|weisst|wuesstest|willst) du",
    r"(?:haend|hend|hetted|haetted|choend|choenntet|choennted|wuend|wuerded|wuessed) (?:sie|ihr)",
    r"(?:could|would|can|will|do|did|might) you",
    r"(?:gibt|gaebe) es",
    r"gibt'?s",
    r"(?:is|are|would|will) there",
    r"any chance",
    r"(?:ist|waere) es (?:moeglich|denkbar)",
    r"besteht (?:die|eine) (?:moeglichkeit|chance)",
    r"(?:would|could|is) it be possible",
    r"is it possible",
    r"bitte",
    r"please",
)
YESNO_START = re.compile(
    r"^(?:(?:und|and|so|also|sagen sie|tell me|by the way|uebrigens|ehrlich gesagt|honestly)\W+)?"
    r"(?:ist|sind|hat|haben|gibt|stellt|stellen|stellst|sucht|suchen|suchst|nimmt|nehmen"
    r"|braucht|brauchen|rekrutiert|rekrutieren|wird|werden|is|are|does|do|has|have|will"
    r"|would|could|can|any)\b"
)

# ---------------------------------------------------------------- job request classes
# words that name a job on their own; JOB_OBJECT adds those that need a frame ('roles', 'contract')
_JOB_WORDS = (
    r"(?<!an meiner )(?<!an ihrer )(?<!an deiner )(?<!richtige )(?<!richtigen )stellen?",
    r"jobs?(?! ?(?:search|suche|hunt\w*|markt|market))",
    r"anstellung\w*",
    r"festanstellung\w*",
    r"vakanz\w*",
    r"praktik\w*",
    r"lehrstelle\w*",
    r"arbeitsplatz\w*",
    r"einstieg(?:smoeglichkeit\w*)?",
    r"openings?",
    r"vacanc(?:y|ies)",
    r"internships?",
    r"posten",
    r"(?:et)?was (?:passendes|freies|offenes)",
    r"(?:e|es|a) stell",
)
JOB_STRONG = _alt(*_JOB_WORDS)
JOB_OBJECT = _alt(
    *_JOB_WORDS,
    r"positions?",
    r"roles?",
    r"rollen?",
    r"(?:full|part)[- ]time (?:job|role|position)",
    r"(?:anything|something) (?:open|suitable|for me)",
    r"(?:freelance|freiberuflich\w*|fixed[- ]term|temporary|befristet\w*) (?:\w+ )?(?:contract|vertrag"
    r"|auftrag|mandat|role|job|position|stelle|einsatz)",
    r"contract(?! manufactur\w*)",
    r"(?:arbeits|anstellungs|freelance|berater)vertrag",
    r"mandat",
)
# an existential or possibility frame: is there / gibt es / eine Möglichkeit ...
EXISTENTIAL = _alt(
    r"(?:gibt|gaebe) es",
    r"gibt'?s",
    r"(?:is|are) there",
    r"there (?:might|may|would|could) be",
    r"(?:any|eine|irgendeine) (?:moeglichkeit|chance|gelegenheit|possibility|chance|opportunity|way)",
    r"any",
)
USER_FITS_IN = _alt(
    r"i could",
    r"where i",
    r"ich (?:koennte|kann)",
    r"wo ich",
    r"for me",
    r"fuer mich",
    r"(?:as|als) (?:a |an |ein |eine )?(?:career changer|quereinsteiger\w*)",
    r"someone like me",
    r"jemanden wie mich",
)
ENTRY_VERB = _alt(
    r"anzufangen",
    r"einzusteigen",
    r"unterzukommen",
    r"zu arbeiten",
    r"mitzuarbeiten",
    r"reinzukommen",
    r"to (?:work|start|join|come on board)",
    r"of (?:working|joining|starting)",
)
ON_BOARD = _alt(
    r"(?:bring|take|get|taking|bringing|getting|took|brought|got) me (?:back )?(?:on ?board|on|in)\b",
    r"(?:take|taking|have|hire|hiring) me (?:back|as)",
    r"mich\b[^.?!]{0,40}\bals \w+(?: \w+){0,4} (?:einsetzen|einstellen|anstellen|nehmen|holen|engagieren"
    r"|beschaeftigen|brauchen|gebrauchen)",
    r"mich (?:wieder )?(?:zurueck)?(?:holen|reinholen|zurueckholen)",
    r"onboard me",
    r"hire me",
    r"mich (?:an bord|einstellen|aufnehmen|anstellen|nehmen|ins team)",
)
OPENNESS = _alt(
    r"offen(?:e[nrsm]?)?",
    r"frei(?:e[nrsm]?)?",
    r"freigeworden",
    r"vakant\w*",
    r"ausgeschrieben",
    r"(?<!schwer )(?<!schwierig )(?<!schwierigsten )(?<!schwersten )zu besetzen",
    r"open",
    r"available",
    r"unfilled",
    r"advertised",
    r"posted",
    r"coming up",
)
HIRING = _alt(
    r"(?:stellen|stellt|stellst|stellt ihr) (?:\w+ ){0,4}ein",
    r"einstell\w*",
    r"rekrutier\w*",
    r"anstellen",
    r"(?:nehmen|nimmt|nehmt) (?:\w+ ){0,4}auf",
    r"(?:suchen|sucht|suchst|braucht|brauchen|brauchst) (?:\w+ ){0,4}(?:jemand\w*|leute|personal"
    r"|verstaerkung|mitarbeit\w*|neue\w*|fachkraefte|unterstuetzung)",
    r"hiring",
    r"recruiting",
    r"(?:take|taking|bring|bringing) on (?:\w+ ){0,2}(?:people|staff|someone|anyone|new)",
    r"(?:looking for|need|seeking) (?:\w+ ){0,2}(?:people|staff|someone|anyone|new hires"
    r"|reinforcement|help)",
    r"hire",
    r"growing the team",
)
NOW = _alt(
    r"gerade",
    r"zurzeit",
    r"derzeit",
    r"aktuell",
    r"momentan",
    r"noch",
    r"bald",
    r"demnaechst",
    r"im moment",
    r"dieses jahr",
    r"currently",
    r"right now",
    r"at the moment",
    r"soon",
    r"still",
    r"this (?:year|quarter|month)",
    r"any time soon",
)
RECOMMEND_ME = (
    r"\b(?:mich|meinen namen|meine bewerbung)\b[^.?!]{0,50}\b(?:empfehlen|weiterempfehlen"
    r"|vorschlagen|vermitteln|nominieren|ins spiel bringen|ins gespraech bringen)\b"
    r"|\b(?:recommend|refer|suggest|nominate|propose)\w* (?:me|my name)\b"
    r"(?! (?:a|an|some|any|the|books?|resources?|events?|people|someone|anyone)\b)"
    r"|\bput (?:me|my name) forward\b|\bput in a (?:good )?word\b|\bgutes wort\b"
)
HR_TARGET = _alt(
    r"personalabteilung",
    r"hr",
    r"recruit\w*",
    r"personalchef\w*",
    r"personalleiter\w*",
    r"personalverantwortlich\w*",
    r"hiring manager\w*",
    r"talent acquisition",
    r"chef\w*",
    r"vorgesetzt\w*",
    r"boss",
    r"manager",
    r"teamleit\w*",
    r"bereichsleit\w*",
    r"head of \w+",
    r"fuer (?:die|eine|diese) (?:stelle|position|rolle)",
    r"for (?:the|a|this|that) (?:role|position|job|opening)",
)
CV = _alt(
    r"lebenslauf",
    r"cv",
    r"resumes?",
    r"bewerbung\w*",
    r"dossier",
    r"unterlagen",
    r"application",
    r"my profile",
    r"mein profil",
)
TRANSFER = _alt(
    r"weiterleit\w*",
    r"weiter ?(?:geben|gibt|leiten|reichen)",
    r"weitergeb\w*",
    r"weiterreich\w*",
    r"uebergeb\w*",
    r"zukommen",
    r"geben",
    r"schick\w*",
    r"send(?:e|en|et|ing|s)?",
    r"zeigen",
    r"vorleg\w*",
    r"platzier\w*",
    r"forward\w*",
    r"pass(?:es|ed|ing)? (?:\w+ ){0,3}(?:on|along|to)",
    r"hand(?:s|ed|ing)? (?:\w+ ){0,3}(?:on|over|in|to)",
    r"give",
    r"submit\w*",
    r"share",
    r"get (?:it|them) to",
    r"show",
)
FEEDBACK = _alt(
    r"feedback",
    r"rueckmeldung",
    r"einschaetz\w*",
    r"anschauen",
    r"ansehen",
    r"durchsehen",
    r"durchlesen",
    r"look (?:at|over)",
    r"review",
    r"verbesser\w*",
    r"improve",
    r"aufbauen",
    r"structure",
    r"gestalten",
    r"tipps?",
    r"tips?",
    r"advice",
    r"rat(?:schlag|schlaege|schlaegen)?",
    r"wie (?:sollte|soll|wuerde)",
    r"how (?:should|would|do)",
)
INTERVIEW = _alt(
    r"vorstellungsgespraech\w*",
    r"bewerbungsgespraech\w*",
    r"(?<!informational )(?<!informations)interview\w*",
)
GET_ME_IN = _alt(
    r"(?:get|land|arrange|organi[sz]e|set up|secure|score|book) me",
    r"invite me",
    r"mich\b[^.?!]{0,30}\beinlad\w*",
    r"mich\b[^.?!]{0,30}\beingeladen",
    r"mir\b[^.?!]{0,40}\b(?:verschaffen|organisieren|besorgen|vermitteln|ermoeglichen"
    r"|arrangieren|einfaedeln|anbieten|geben|beschaffen)",
    r"(?:offer|give|find|organi[sz]e|arrange|get) me",
    r"for me",
    r"fuer mich",
    r"i could (?:get|have)",
    r"(?:koennte|kann|duerfte) ich\b[^.?!]{0,30}\b(?:bekommen|haben|kommen)",
    r"(?:could|can|may|might) i\b[^.?!]{0,30}\b(?:come in|have|get)",
)
# the partner provides the user a job object
OFFER_ME = _alt(
    r"offer me",
    r"mir\b[^.?!]{0,40}\b(?:anbieten|verschaffen|organisieren|besorgen|beschaffen|zuschanzen"
    r"|vermittel\w*|vermittle)",
    r"(?:organi[sz]e|arrange|find|get|secure|sort) me (?:a|an|some)",
)
JOIN_YOU = (
    r"\b(?:bei (?:ihnen|euch|dir|\w+)|in (?:ihrem|eurem|deinem|ihr) team|in ihre firma"
    r"|zu (?:ihnen|euch))\b[^.?!]{0,30}\b(?:einsteig(?:en|e|t)?|anfang(?:en|e)?"
    r"|unterkomm(?:en|e)?|reinkomm(?:en|e)?|arbeiten|mitarbeit(?:en|e)?|start(?:en|e)?|landen)\b"
    r"|\b(?:join|work for|work at|start at|get into|get in at) (?:you|your (?:team|company|firm"
    r"|department)|the team)\b"
)

# ---------------------------------------------------------------- delegation classes
CHOICE_WORD = (
    r"\b(?:was|wo|wohin|welche\w*|was fuer|wofuer|wozu|worauf|what|where|which|what kind of)\b"
)
DEONTIC_I = (
    r"\b(?:soll(?:te)? ich|muss ich|muesste ich|ich (?:\w+ )?soll(?:te)?|should i|shall i"
    r"|(?:ich|i) soell|soell (?:ich|i)"
    r"|must i|i should|ought i|i ought to)\b"
)
GOAL_VERB = _alt(
    r"tun",
    r"machen",
    r"mache",
    r"bewerb\w*",
    r"anstreben",
    r"werden",
    r"einschlagen",
    r"waehlen",
    r"auswaehlen",
    r"aussuchen",
    r"nehmen",
    r"annehmen",
    r"entscheiden",
    r"orientieren",
    r"umorientieren",
    r"gehen",
    r"wechseln",
    r"umsteigen",
    r"umschulen",
    r"studieren",
    r"spezialisieren",
    r"do",
    r"apply\w*",
    r"pursue",
    r"choose",
    r"pick",
    r"go for",
    r"aim\w* (?:for|at)",
    r"going for",
    r"look\w* (?:for|at|into)",
    r"such\w*",
    r"seek\w*",
    r"target\w*",
    r"take (?:the|this|that|a|next) (?:job|role|offer|position|path|route|step)",
    r"become",
    r"go into",
    r"move into",
    r"head (?:next|from here|towards?)",
    r"switch\w*",
    r"specialise",
    r"specialize",
    r"study",
    r"retrain",
    r"get into",
    r"join",
    r"land",
    r"end up",
    r"einsteigen",
    r"landen",
    r"hin",
)
MY_GOAL = (
    r"\b(?:my|mein\w*) (?:\w+ ){0,2}(?:step|goal|move|direction|path|career|focus|target|ziel"
    r"|schritt|richtung|weg|fokus|station|laufbahn)\b[^.?!]{0,20}\b(?:should|sollte|soll|muesste"
    r"|waere|be)\b"
    r"|\b(?:should|sollte|soll) (?:my|mein\w*) (?:\w+ ){0,2}(?:step|goal|move|direction|path"
    r"|career|focus|target|ziel|schritt|richtung|weg|fokus)\b"
)
EITHER_OR_ME = r"\b(?:soll(?:te)? ich|should i)\b[^.?!]{0,80}\b(?:oder|or)\b"
NOT_A_CAREER_CHOICE = _alt(
    r"anrufen",
    r"call",
    r"mail\w*",
    r"schreiben",
    r"write",
    r"melden",
    r"reach out",
    r"erwaehnen",
    r"mention",
    r"kontaktier\w*",
    r"contact",
    r"nachfassen",
    r"follow up",
    r"fragen",
    r"ask",
    r"lesen",
    r"read",
    r"sie",
    r"you",
)
RECOMMEND_TO_ME = r"\b(?:empfehlen|empfiehlst|raten|raetst|vorschlagen|recommend|suggest|advise)\b"
MY_NEXT_MOVE = _alt(
    r"naechste\w* (?:\w+ )?schritt\w*",
    r"karriereschritt\w*",
    r"berufliche\w* (?:richtung|zukunft|weg)",
    r"(?:next|career) (?:career )?(?:step|move)",
    r"career path",
    r"(?:which|what|welche\w*) (?:direction|richtung|beruf|laufbahn|career)",
)
PLAN_FOR_ME = (
    r"\b(?:plan\w*|priorit\w*|strategie|strategy|ziele?|goals?|roadmap|karriereplan\w*)\b"
    r"[^.?!]{0,40}\b(?:for me|fuer mich)\b"
    r"|\b(?:for me|fuer mich)\b[^.?!]{0,40}\b(?:plan\w*|priorit\w*|strategie|strategy"
    r"|ziele?|goals?|roadmap)\b"
)
# choice word ... should I ... goal verb, in that order, inside one sentence
DELEGATE_GOAL = CHOICE_WORD + r"[^.?!]{0,60}" + DEONTIC_I + r"[^.?!]{0,40}" + GOAL_VERB
# German subordinate order: choice word ... ich ... goal verb soll ("bei welchen Firmen ich mich
# bewerben soll")
DELEGATE_GOAL_SUB = (
    CHOICE_WORD
    + r"[^.?!]{0,40}\b(?:ich|i)\b[^.?!]{0,40}"
    + GOAL_VERB
    + r" (?:soll|sollte|muss|soell)\b"
)
# the user asks the partner to name what the user wants, where they belong, what suits them
MY_OWN_WANT = (
    r"\b(?:was|what)\b (?:ich|i) (?:\w+ )?(?:eigentlich |really |actually )?(?:will|moechte|want)\b"
    r"|\b(?:where|wherein|which \w+|what \w+)\b[^.?!]{0,40}\bi (?:would |really )?(?:belong|fit)\b"
    r"|\bwo(?:hin)? (?:ich|i)\b[^.?!]{0,20}\b(?:hin|rein)?(?:pass\w*|gehoer\w*)\b"
    r"|\b(?:suit|suits|fit|fits)\b (?:someone|somebody|people) (?:like me|with my)\b"
    r"|\b(?:best|right|ideal) for my (?:career|future|profile)\b"
)
# a purpose clause or a named tool makes it advice on how to get where the user already chose
PURPOSE = _alt(
    r"um\b[^.?!]{0,60}\bzu",
    r"damit",
    r"to (?:improve|prepare|get better|strengthen|close|build|learn|stand out|be taken|make)",
    r"in order to",
    r"vorbereit\w*",
    r"prepare",
    r"lebenslauf",
    r"cv",
    r"resume",
    r"anschreiben",
    r"cover letter",
    r"linkedin",
    r"profile?",
    r"interview\w*",
    r"gespraech\w*",
)
ROLE_SWAP = _alt(
    r"an meiner stelle",
    r"in meiner (?:situation|lage|position|haut)",
    r"wenn (?:sie|du) ich (?:waeren|waerest|waerst|waere)",
    r"waeren sie ich",
    r"in my (?:shoes|position|place|situation|boots)",
    r"if you were (?:me|in my)",
    r"were you (?:me|in my)",
    r"in meinen schuhen",
    r"if you were (?:a|an) (?:\d+|[^.?!]{0,40}\b(?:trying|looking|wanting|hoping|switching|changing"
    r"|career changer))",
    r"wenn sie (?:ein|eine) [^.?!]{0,40}\b(?:waeren|waert)",
)
# asking whom to contact or what to read is the method's own goal (more contacts), not delegation
ERRAND_OBJECT = _alt(
    r"kontakt\w*",
    r"contacts?",
    r"ansprechpartner\w*",
    r"leute",
    r"people",
    r"personen",
    r"unterlagen",
    r"documents?",
    r"infos?",
    r"information\w*",
    r"buecher",
    r"books?",
    r"events?",
    r"veranstaltung\w*",
)
NOT_DELEGATION = PURPOSE + "|" + ERRAND_OBJECT
# tactics for a step the user already chose (which questions to ask, how to prepare) are advice
TACTICS = _alt(
    r"fragen",
    r"questions?",
    r"vorbereit\w*",
    r"prepar\w*",
    r"lebenslauf",
    r"cv",
    r"anschreiben",
    r"linkedin",
    r"formulier\w*",
    r"phrase",
)
DECIDE_FOR_ME = (
    r"\b(?:entscheiden sie|entscheide du|entscheidet ihr|decide for me|choose for me"
    r"|pick for me|fuer mich (?:entscheiden|aussuchen|auswaehlen|waehlen))\b"
    r"|\b(?:sa(?:e)?g\w* (?:sie|ihr)|sag|tell)\b(?: \w+){0,3},? (?:mir|me)\b[^.?!]{0,20}?"
    r"\b(?:was|wo|wohin|welche\w*|what|where|which)\b[^.?!]{0,40}\b(?:(?:ich|i)\b[^.?!]{0,30}"
    + GOAL_VERB
    + r"|to do|to apply)\b"
)

# ---------------------------------------------------------------- burden classes
SELF = _alt(
    r"ich (?:bin|fuehle mich|fuehl mich|werde)",
    r"i bi",
    r"bin (?:ich|echt|total|so|wirklich|langsam|ziemlich|einfach|voellig|komplett)",
    r"fuehle mich",
    r"i(?:'m| am)",
    r"i feel",
    r"i've been",
    r"ive been",
    r"makes me",
    r"macht mich",
    r"leaves me",
)
NEG_STATE = _alt(
    r"verzw(?:ei|ii|i)f\w*",
    r"hoffnungslos\w*",
    r"ratlos",
    r"ueberfordert",
    r"frustriert",
    r"deprimiert",
    r"depressiv",
    r"erschoepft",
    r"ausgebrannt",
    r"am ende",
    r"am boden",
    r"verloren",
    r"panisch",
    r"in panik",
    r"hilflos",
    r"mutlos",
    r"kaputt",
    r"fix und fertig",
    r"entmutigt",
    r"zermuerbt",
    r"wertlos",
    r"nutzlos",
    r"nichts wert",
    r"ein versager",
    r"desperate",
    r"hopeless",
    r"helpless",
    r"overwhelmed",
    r"frustrated",
    r"depressed",
    r"exhausted",
    r"burnt out",
    r"burned out",
    r"miserable",
    r"devastated",
    r"crushed",
    r"broken",
    r"(?:so |completely |totally |really )lost",
    r"lost and",
    r"panicking",
    r"in despair",
    r"at (?:a|my) (?:loss|breaking point|lowest)",
    r"discouraged",
    r"demoralised",
    r"demoralized",
    r"struggling(?! to (?:understand|see|follow|picture))",
    r"(?:really|so|very|extremely|total|so|echt|wirklich|sehr) (?:nervous|nervoes|anxious|aengstlich)",
    r"zu alt fuer (?:alles|nichts|irgendwas)",
    r"ashamed",
    r"embarrassed",
    r"too old for (?:anything|everything)",
    r"finished",
    r"erledigt",
    r"stressed out",
    r"in a (?:bad|dark) place",
    r"worthless",
    r"useless",
    r"(?:a|such a|total|complete) failure",
    r"a nobody",
)
PRESSURE_ON_ME = _alt(
    r"(?:ich|i'm|i am|i feel) (?:\w+ ){0,3}(?:unter|under) (?:\w+ ){0,3}(?:druck|pressure)",
    r"(?:macht|machen|setzt|setzen) mir (?:\w+ ){0,2}druck",
    r"druck auf mich",
    r"pressur\w* (?:on )?me",
    r"pressure on me",
    r"(?:meine|my|unsere|our) (?:\w+ )?(?:miete|rent|rechnungen|bills|hypothek|mortgage"
    r"|ersparnisse|savings|schulden|debts?|erspartes|reserven)",
    r"(?:ich|i) (?:\w+ ){0,4}(?:miete|rent|rechnungen|bills|hypothek|mortgage)",
    r"(?:ich bin|i'm|i am|bin) (?:\w+ ){0,2}ausgesteuert",
    r"aussteuerung",
    r"arbeitslosengeld",
    r"arbeitslosenkasse",
    r"rav",
    r"sozialhilfe",
    r"sozialamt",
    r"(?:welfare|benefits) office",
    r"food bank",
    r"on the dole",
    r"(?:i'?m|i am) (?:still )?in therapy",
    r"(?:bin|ich) (?:\w+ ){0,2}in therapie",
    r"(?:seit|since) (?:dem|meinem|my|the) burnout",
    r"unemployment (?:benefits|money|insurance|office)",
    r"on (?:welfare|benefits)",
    r"familie (?:ernaehren|durchbringen|versorgen)",
    r"(?:feed|support) my family",
    r"(?:kids|children|family|mouths) to feed",
    r"(?:my|meine?) (?:family|wife|husband|partner|parents|familie|frau|mann|eltern|kinder)"
    r" (?:\w+ ){0,2}(?:keeps?|is|are|asks?|fragt|fragen|macht|machen|setzt|drängt|draengt"
    r"|nervt|worried|disappointed|enttaeuscht|sorgt)",
    r"unbearable",
    r"unertraeglich",
    r"nicht (?:mehr )?auszuhalten",
)
UNEMPLOYED = _alt(
    r"arbeitslos\w*",
    r"stellenlos\w*",
    r"erwerbslos\w*",
    r"ohne (?:job|stelle|arbeit|anstellung)",
    r"auf (?:stellensuche|jobsuche|arbeitssuche)",
    r"(?:suche|sucht) (?:ich )?(?:schon |bereits )?(?:eine? )?(?:neue )?(?:stelle|job|arbeit)",
    r"unemployed",
    r"out of (?:work|a job)",
    r"jobless",
    r"between jobs",
    r"looking for (?:a job|work|a new job|a role)",
    r"job.?hunting",
    r"(?:searching|looking) for",
)
DURATION = _alt(
    r"seit (?:\w+ ){0,2}(?:monat\w*|jahr\w*|wochen|\d+|einem|zwei|drei|vier|fuenf|sechs|sieben"
    r"|acht|neun|zehn|elf|zwoelf|einigen|mehreren|langem|ewig\w*)",
    r"(?:for|over|nearly|almost|more than) (?:\w+ ){0,2}(?:months?|years?|weeks?|ages)",
    r"\d+ (?:monat\w*|months?|jahr\w*|years?|wochen|weeks?)",
)
PLEAD = _alt(
    r"bitte[^.?!]{0,20}\bhelfen",
    r"helfen sie mir bitte",
    r"hilf mir",
    r"flehe\w*",
    r"anflehen",
    r"i beg",
    r"begging",
    r"please[^.?!]{0,10}\bhelp me",
    r"(?:you have to|you must|sie muessen|du musst) (?:\w+ ){0,2}(?:help|helfen)",
    r"(?:meine|my|our) (?:\w+ )?(?:letzte|einzige|last|only) (?:hoffnung|chance|hope|option)",
    r"(?:sie sind|du bist|you are|you're|youre) (?:\w+ ){0,2}(?:letzte|einzige|last|only)"
    r" (?:hoffnung|chance|hope|option|person)",
    r"nur noch (?:sie|du)",
    r"(?:einzige|only one|only person)\b[^.?!]{0,40}\b(?:helfen|help)",
    r"(?:niemanden|no one|nobody) (?:\w+ )?(?:mehr|else)\b",
    r"(?:who|where|wen) (?:else )?to turn",
    r"an wen (?:ich mich )?(?:sonst |noch )?(?:wenden|halten)",
    r"mitleid",
    r"(?:pity|feel sorry for) me",
    r"bedeutet mir alles",
    r"means everything to me",
)
REGRET_LOSS = _alt(
    r"schaem\w* mich",
    r"mir (?:geht|gehen) (?:\w+ ){0,2}aus",
    r"(?:my|mein\w*) (?:\w+ )?(?:money|geld|savings|ersparnisse)\b[^.?!]{0,20}\b(?:out|aus|knapp"
    r"|tight|gone|weg)",
    r"(?:something|etwas)\b[^.?!]{0,15}\b(?:wrong with me|mit mir nicht stimmt|nicht stimmt mit mir)",
    r"(?:komme|komm) ich (?:\w+ ){0,2}nicht mehr auf die beine|nicht mehr auf die beine",
    r"(?:i'?m not|i can'?t|i cannot) (?:sleeping|eating|sleep|eat)\b",
    r"(?:kann|koennen) (?:\w+ ){0,2}nicht mehr (?:schlafen|essen)",
    r"is killing me|macht mich (?:\w+ )?(?:kaputt|fertig)",
    r"(?:muss|musste|fange an zu|am) (?:\w+ ){0,3}(?:weinen|heulen)|\bich weine\b|(?:i'?m|am) (?:\w+ )?crying"
    r"|in tears",
    r"(?:einfach|alles) (?:alles )?zu viel\b|all (?:just )?too much|everything is too much",
    r"egal was ich (?:mache|tue|tu)|no matter what i do",
    r"(?:eh|sowieso|ohnehin|anyway) (?:\w+ ){0,2}keine chance|keine chance,? egal",
    r"how (?:much )?longer i can",
    r"wie lange ich (?:das )?noch",
    r"(?:ich bereue|bereue ich|i regret)",
    r"bereue es",
    r"(?:lost|verloren) (?:\w+ )?(?:my|mein\w*) (?:\w+ )?(?:confidence|selbstvertrauen|mut|hope"
    r"|hoffnung|motivation)",
    r"(?:was|what'?s|whats) (?:\w+ )?wrong with me",
    r"was (?:\w+ )?(?:stimmt|ist) (?:\w+ )?(?:nicht )?(?:mit mir|falsch an mir)",
    r"(?:sorry|entschuldigung)\W+(?:i'?m |im )?(?:sorry|entschuldigung)",
)
REJECTIONS = _alt(
    r"(?:ich|i|i've|ive) (?:\w+ ){0,4}\d+ (?:\w+ )?(?:absagen|bewerbungen|rejections"
    r"|applications|rejection letters)",
    r"(?:hundert|dutzend\w*|unzaehlig\w*|zig|hundreds of|dozens of|countless|so many) "
    r"(?:\w+ )?(?:absagen|rejections)",
    r"nur (?:noch )?absagen",
    r"nothing but rejections",
    r"(?:all|after all) (?:these|those|the) rejections",
    r"(?:niemand|keiner|kein mensch) (?:meldet|antwortet|ruft|will|nimmt)",
    r"(?:nobody|no one|no-one) (?:\w+ )?(?:gets back|calls|answers|replies|responds|wants"
    r"|will hire|hires)",
    r"(?:nobody|no one|anyone|anybody) (?:will|would|is going to) (?:\w+ )?hire me",
    r"(?:niemand|keiner) (?:\w+ )?(?:mich|mir) (?:\w+ )?(?:einstellen|nehmen|antworten)",
    r"(?:will|nimmt|stellt|moechte) mich\b[^.?!]{0,30}\b(?:keiner|niemand|kein mensch)",
    r"(?:everyone|everybody|they all|alle|jeder) (?:\w+ ){0,2}(?:reject\w* me|turns? me down"
    r"|lehn\w* mich ab)",
    r"never hear back",
    r"(?:ich bekomme|ich erhalte|i get|i've had|i got) (?:nie |never |keine |no )"
    r"(?:\w+ )?(?:antwort|rueckmeldung|response|reply|answer)",
)
APOLOGY = _alt(
    r"(?:tut|tat) mir (?:\w+ )?leid",
    r"entschuldig\w*",
    r"verzeih\w*",
    r"sorry",
    r"apologi[sz]e",
    r"apologies",
    r"forgive me",
    r"i feel bad",
    r"schlechtes gewissen",
)
YOUR_TIME = _alt(
    r"zeit",
    r"stoer\w*",
    r"aufhalten",
    r"beanspruch\w*",
    r"belaestig\w*",
    r"beschaeftigt",
    r"umstaende",
    r"time",
    r"bother\w*",
    r"busy",
    r"impos\w*",
    r"trouble",
    r"keep(?:ing)? you",
    r"inconvenienc\w*",
    r"dumm\w*",
    r"bloed\w*",
    r"stupid",
    r"silly",
)
NO_WAY_ON = _alt(
    r"weiss (?:einfach |wirklich |echt )?nicht mehr(?:,)? (?:weiter|was|wie|wohin)",
    r"nicht mehr weiter",
    r"(?:ich weiss|weiss ich) (?:\w+ )?nicht,? wie es (?:\w+ ){0,2}weitergeh\w*",
    r"don'?t know (?:what else|where (?:else )?to turn|how much longer|what to do anymore)",
    r"i (?:can'?t|cannot) (?:go on|take (?:it|this|much more)|cope|pay|afford)",
    r"where to turn",
    r"(?:kann|koennen) (?:\w+ ){0,3}nicht mehr (?:zahlen|bezahlen|leisten)",
    r"(?:i'm|i am|we're) running out",
    r"(?:gehen|geht) mir (?:\w+ )?(?:die \w+ )?aus",
    r"(?:almost|nearly) (?:gone|used up|out)",
    r"(?:bald|fast) (?:aufgebraucht|weg)",
)
URGENT = _alt(
    r"dringend",
    r"unbedingt",
    r"sofort",
    r"endlich",
    r"urgently",
    r"desperately",
    r"asap",
    r"quickly",
    r"immediately",
    r"right away",
    r"really,? really",
    r"please",
    r"bitte",
)
NEED_JOB = _alt(
    r"brauche (?:\w+ ){0,2}(?:job|stelle|arbeit|hilfe|etwas)",
    r"muss (?:\w+ ){0,3}(?:finden|haben)",
    r"(?:i|really) need (?:\w+ ){0,2}(?:job|work|help|something|anything|income|money)",
    r"have to find",
    r"must find",
)


# a grievance against a former employer: done to me, with resentment
MISTREATED_ME = _alt(
    r"mich\b[^.?!]{0,40}\b(?:rausgeworfen|rausgeschmissen|gefeuert|abserviert|aussortiert|abgeschoben"
    r"|fallen gelassen|hintergangen|belogen|betrogen|gemobbt|im stich gelassen|entsorgt|entlassen"
    r"|abgesaegt)",
    r"(?:fired|sacked|dumped|kicked|threw|pushed|forced|let) me\b",
    r"treated me",
    r"lied to me",
    r"betrayed me",
    r"stabbed me",
)
# a grievance that is one on its own
GRIEVANCE = _alt(
    r"lied to me",
    r"betrayed me",
    r"stabbed me in the back",
    r"treated me like (?:dirt|garbage|trash|crap|a \w+)",
    r"(?:hat|haben) mich (?:\w+ ){0,4}(?:belogen|hintergangen|verraten|gemobbt)",
    r"wie (?:dreck|muell|den letzten \w+) behandelt",
)
RESENT = _alt(
    r"unfair\w*",
    r"ungerecht\w*",
    r"heuchler\w*",
    r"hypocrit\w*",
    r"angry",
    r"furious",
    r"wuetend",
    r"sauer",
    r"bitter\w*",
    r"therap\w*",
    r"garbage",
    r"dirt",
    r"trash",
    r"dreck",
    r"muell",
    r"einfach",
    r"for months",
    r"monatelang",
    r"after \d+ years",
    r"nach \d+ jahren",
    r"like (?:a|an) ",
)


@dataclass(frozen=True)
class Rule:
    kind: str
    parts: tuple[re.Pattern[str], ...]
    unless: re.Pattern[str] | None = None
    yesno: bool = False  # only in a yes/no question (no how / why / which opening)


def _rule(kind: str, *parts: str, unless: str | None = None, yesno: bool = False) -> Rule:
    return Rule(
        kind,
        tuple(re.compile(p) for p in parts),
        re.compile(unless) if unless else None,
        yesno,
    )


PARTNER_SUBJECT = _alt(
    r"sie", r"ihr", r"ihre", r"euer", r"eure", r"du", r"you", r"your", r"they", r"ihr team",
)  # fmt: skip
# hiring as a practice (how one gets in) is a fine question; hiring now is a job request
PRACTICE = _alt(
    r"quereinsteig\w*",
    r"normalerweise",
    r"ueblicherweise",
    r"typischerweise",
    r"generell",
    r"aus anderen branchen",
    r"von aussen",
    r"from outside",
    r"career changers",
    r"usually",
    r"typically",
    r"generally",
    r"schwer\w*",
    r"schwierig\w*",
    r"hard\w*",
    r"difficult",
    r"ist es",
    r"is it",
)
_FITS = r"\b(?:pass\w*|geeignet\w*|richtig\w*|beste\w*|suit\w*|fit\w*|right|best|rat|advice|fehlt|missing)\b"

RULES: list[Rule] = [
    # ---- job request: the partner acts for the user on a job object
    _rule("job_request", PARTNER_ACTS, RECOMMEND_ME),
    _rule("job_request", RECOMMEND_ME, HR_TARGET),
    _rule("job_request", PARTNER_ACTS, JOB_OBJECT, FOR_ME, unless=_FITS),
    _rule("job_request", JOB_STRONG, AT_YOU, yesno=True, unless=_FITS),
    _rule(
        "job_request",
        JOB_STRONG,
        OPENNESS,
        unless=r"\b(?:wie lange|how long|warum|why|offen fuer|open to|offen gegenueber)\b",
    ),
    _rule("job_request", HIRING, NOW, PARTNER_SUBJECT, yesno=True, unless=PRACTICE),
    _rule("job_request", HIRING, YESNO_START.pattern, PARTNER_SUBJECT, yesno=True, unless=PRACTICE),
    _rule("job_request", CV, TRANSFER, unless=FEEDBACK),
    _rule("job_request", INTERVIEW, GET_ME_IN),
    _rule("job_request", PARTNER_ACTS, JOIN_YOU),
    _rule("job_request", USER_ASKS, JOIN_YOU),
    _rule("job_request", EXISTENTIAL, JOB_OBJECT, USER_FITS_IN, unless=_FITS),
    _rule("job_request", EXISTENTIAL, ENTRY_VERB, yesno=True),
    _rule("job_request", ON_BOARD, unless=r"\b(?:nobody|no one|anyone|niemand|keiner|ever)\b"),
    _rule("job_request", USER_ASKS, INTERVIEW),
    _rule("job_request", JOIN_YOU, FOR_ME),
    _rule("job_request", OFFER_ME, JOB_STRONG),
    _rule("job_request", PARTNER_ACTS, OFFER_ME, JOB_OBJECT, unless=_FITS),
    # ---- delegation: the partner is to choose the user's goal, direction or next step
    _rule("delegation", DELEGATE_GOAL, unless=NOT_DELEGATION),
    _rule("delegation", ROLE_SWAP, unless=TACTICS),
    _rule("delegation", DELEGATE_GOAL_SUB, unless=NOT_DELEGATION),
    _rule("delegation", MY_OWN_WANT, unless=PURPOSE),
    _rule("delegation", DECIDE_FOR_ME, unless=ERRAND_OBJECT),
    _rule("delegation", MY_GOAL),
    _rule("delegation", EITHER_OR_ME, unless=NOT_A_CAREER_CHOICE),
    _rule("delegation", PARTNER_ACTS, PLAN_FOR_ME),
    _rule("delegation", RECOMMEND_TO_ME, MY_NEXT_MOVE, unless=PURPOSE),
    # ---- burden: the user's distress, pressure, pleading or apology becomes the topic
    _rule("burden", SELF, NEG_STATE),
    _rule("burden", PRESSURE_ON_ME),
    _rule("burden", UNEMPLOYED, DURATION, FIRST_PERSON),
    _rule("burden", PLEAD),
    _rule("burden", REJECTIONS),
    _rule("burden", APOLOGY, YOUR_TIME),
    _rule("burden", NO_WAY_ON),
    _rule("burden", NEED_JOB, URGENT),
    _rule("burden", REGRET_LOSS),
    _rule("burden", MISTREATED_ME, RESENT),
    _rule("burden", GRIEVANCE),
]

_SENTENCE = re.compile(r"[^.?!;]+")
_TRIM = " ,\"'()-–:"
_OPEN_WH = re.compile(
    r"^(?:(?:und|and|so|also)\W+)?(?:wie|warum|wieso|weshalb|welche\w*|was|wann|wo|wer|how|why"
    r"|which|what|when|where|who)\b"
)


def class_hits(question: str) -> dict[str, list[str]]:
    """Kind -> the user's own words that made a rule fire (empty dict: nothing)."""
    folded, origin = fold_map(question)
    found: dict[str, list[str]] = {}
    for sentence in _SENTENCE.finditer(folded):
        raw = sentence.group(0)
        lead = len(raw) - len(raw.lstrip(_TRIM))
        text, offset = raw[lead:].rstrip(_TRIM), sentence.start() + lead
        if not text:
            continue
        for rule in RULES:
            if rule.yesno and _OPEN_WH.match(text):
                continue
            matches = [p.search(text) for p in rule.parts]
            if not all(matches) or (rule.unless is not None and rule.unless.search(text)):
                continue
            spans = found.setdefault(rule.kind, [])
            for m in matches:
                words = original_span(question, origin, offset + m.start(), offset + m.end())
                if len(words) > 1 and words not in spans:
                    spans.append(words)
    return found
