"""Guideline `eye_level`: job requests, delegating one's goal, unloading one's burden.

Patterns run on folded text (lower case, ä->ae, ß->ss), so Swiss and German spelling, Sie and
du forms match alike. Each pattern is a phrase the method warns about; a question that only
asks for contacts, feedback on one's chances or the partner's view is left alone.
`[^.?!]{0,N}` keeps a pattern inside one sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gespraech_assistant.checker.text import fold_map, original_span
from gespraech_assistant.checker.wordclasses import class_hits

GAP = r"[^.?!]{0,%d}"


def _g(n: int) -> str:
    return GAP % n


_YOU = r"(?:sie|du|ihr)"
_AT_YOU = r"(?:bei ihnen|bei euch|bei dir|in ihrem team|in eurem team|in deinem team)"

# verbs of one's own career goal (what to do, become, aim for), not of an errand
_CAREER_VERB = (
    r"\b(?:tun|machen|mache|werden|anstreben|bewerben|einschlagen|hin|gehen|wechseln|umsteigen|anfangen"
    r"|konzentrieren|fokussieren|orientieren|spezialisieren)\b"
)

JOB_REQUEST = [
    # openings, directly or politely wrapped
    r"\b(?:offene|freie|vakante)n? (?:stelle|stellen|position\w*|jobs?|rollen?)\b",
    r"\b(?:etwas|was|eine stelle|ein job|eine position|ein platz)\b" + _g(40) + r"\bfrei\b",
    r"\b(?:falls|wenn|sollte) sich\b" + _g(40) + r"\b(?:etwas|was)\b" + _g(10) + r"\bergeb\w*",
    r"\bwenn sich\b" + _g(30) + r"\b(?:etwas|was) ergibt\b",
    r"\b(?:stelle|job|position|platz|arbeit)\b" + _g(12) + r"\bfuer mich\b",
    r"\birgendeine? (?:stelle|job|position|arbeit)\b",
    r"\b(?:stellen|stellt|stellst) (?:ihr|sie|du|\w+)\b"
    + _g(40)
    + r"\b(?:leute|personal|jemanden|mitarbeitende\w*|neue\w*) ein\b",
    r"\b(?:leute|jemanden|personal) (?:einstellen|rekrutieren)\b" + _g(30) + r"\b(?:mich|ich)\b",
    r"\brekrutier\w* (?:sie|ihr|du)? ?(?:gerade|aktuell|zurzeit|derzeit|momentan)\b",
    r"\bsuch\w*\b"
    + _g(40)
    + r"\bjemand\w*\b"
    + _g(20)
    + r"\b(?:mit meinem|mit meiner|wie mich|wie ich)\b",
    r"\bmit meinem profil\b" + _g(30) + r"\b(?:such|brauch|gesucht)\w*",
    # CV, application, interview, referral
    r"\b(?:lebenslauf|cv|bewerbungsunterlagen|bewerbungsdossier|unterlagen|bewerbung|dossier)\b"
    + _g(60)
    + r"\b(?:weiterleit\w*|weitergeb\w*|weiterreich\w*|uebergeb\w*|zukommen|personalabteilung"
    r"|hr|recruit\w*|personalchef\w*|weiter ?geben|weiter ?leiten)\b",
    r"\b(?:weiterleit\w*|weitergeb\w*|schick\w*|send\w*)\b"
    + _g(30)
    + r"\b(?:meinen lebenslauf|mein cv|meine bewerbung\w*|meine unterlagen)\b",
    r"\bvorstellungsgespraech\w*|\bbewerbungsgespraech\w*",
    r"\bmich\b" + _g(30) + r"\b(?:empfehlen|vorschlagen|ins spiel bringen|vermitteln)\b",
    r"\bins spiel bringen\b",
    r"\bgutes wort\b",
    r"\ban mich denken\b|\bmich (?:im hinterkopf|auf dem radar|vormerken)\b",
    r"\bmich\b" + _g(20) + r"\b(?:anbieten|einstellen|anstellen|reinholen|unterbringen)\b",
    r"\bmich\b" + _g(30) + _AT_YOU + _g(20) + r"\bbewerben\b",
    r"\bmich\b" + _g(10) + r"\bdirekt\b" + _g(20) + r"\bbewerben\b",
    r"\bbewerben\b" + _g(10) + _AT_YOU,
    r"\b(?:sofort|ab morgen|morgen) (?:verfuegbar|anfangen|starten|einsteigen)\b",
    r"\bwaere? (?:ich )?(?:sofort|jederzeit) (?:verfuegbar|bereit)\b",
    r"\b(?:gerne?|gern) " + _AT_YOU + r" (?:arbeiten|anfangen|mitarbeiten|einsteigen)\b",
    r"\b(?:gerne?|gern) bei \w+ (?:arbeiten|anfangen|einsteigen)\b",
    r"\bteil (?:ihres|eures|deines) teams?\b",
    r"\bwie komme ich\b" + _g(40) + r"\b(?:stelle|job|rein|hinein|in die firma|zu ihnen)\b",
    # English
    r"(?<!the )\bopenings?\b(?! (?:of|ceremony)\b)",
    r"\bopen (?:positions?|roles?|jobs?|vacanc\w+|headcount)\b|\bvacanc(?:y|ies)\b",
    # 'are you hiring' (a verb), not 'are you tackling the hiring of ...' (a noun)
    r"\b(?:is|are)\s+(?:(?!the\b|your\b|their\b|our\b|its\b)\w+\s+){0,3}hiring\b"
    r"(?! (?:going|process|trends?|harder|easier|more|less|difficult|hard|tough|slower|faster"
    r"|of)\b)",
    r"\bhiring (?:right now|at the moment|currently|this (?:year|quarter|month)|anyone)\b",
    r"\bwhether\b" + _g(40) + r"\bhiring\b|\bwhoever is hiring\b|\bstill hiring\b",
    r"\b(?:resume|cv|resumes|application)\b"
    + _g(60)
    + r"\b(?:forward\w*|pass\w*|hand\w* (?:it )?(?:on|over)|submit\w*|hr|recruit\w*|hiring"
    r"|whoever)\b",
    r"\b(?:forward|pass|send|hand)\b" + _g(20) + r"\bmy (?:cv|resume|application)\b",
    r"\brefer me\b|\breferral\b|\brecommend me\b|\bput in a (?:good )?word\b"
    r"|\bgood word for me\b|\bvouch for me\b|\bput me forward\b",
    r"\bkeep me in mind\b|\bthink of me\b|\bkeep me on your radar\b",
    r"\b(?:spot|role|position|job|vacancy|anything|something|a place|a seat)\b(?: \w+){0,3}"
    r" opens? up\b",
    r"\bget me in\b|\bget me (?:a job|hired|a position|a foot in the door)\b",
    r"\bready to start\b|\bstart (?:tomorrow|immediately|right away|next week)\b"
    r"|\bavailable (?:immediately|right away|to start)\b",
    r"\b(?:love|like|want|keen|eager|happy)\b"
    + _g(15)
    + r"\b(?:join (?:you|your|the team|them|it)|be part of (?:it|your|the team|this)"
    r"|work (?:for|with|at) (?:you|your))\b",
    r"\b(?:looking for|need|seeking|searching for)\b"
    + _g(30)
    + r"\bsomeone (?:like me|with my (?:profile|background|experience|skills))\b",
    r"(?<!ever )(?<!will )(?<!would )\bhire me\b|\btake me on\b|\bgive me a (?:job|chance|position)\b",
    r"\b(?:job|role|position|something) for me\b",
    r"\bapply (?:directly )?(?:to|with|at|through) (?:you|your)\b|\bapply directly\b",
    # more openings, politely wrapped
    r"\bvakanz\w*",
    r"\b(?:etwas|was|nichts)(?: passendes)? fuer (?:mich|jemanden wie mich)\b",
    r"\bfuer jemanden (?:wie mich|mit meine[mnr]\w*)\b",
    r"\b(?:brauch|braeuch|such|gebrauch|benoetig)\w*\b"
    + _g(40)
    + r"\bjemand\w* (?:wie mich|mit meine[mnr]\w*)\b",
    r"\b(?:suchen|sucht|brauchen|braucht) (?:sie|ihr|du|\w+) (?:\w+ ){0,3}(?:verstaerkung|leute"
    r"|personal|mitarbeitende)\b",
    r"\bverstaerkung\b" + _g(60) + r"\b(?:interesse|mich)\b",
    r"\b(?:ob|demnaechst|bald|naechstens|gerade)\b"
    + _g(40)
    + r"\bstellen?\b"
    + _g(30)
    + r"\b(?:ausgeschrieben|frei|offen|zu besetzen)\b",
    r"\b(?:stelle|position|job)\b" + _g(40) + r"\bnoch (?:offen|frei|zu haben|ausgeschrieben)\b",
    r"\bals referenz\b|\breferenz (?:angeben|sein)\b|\bmeine referenz\b",
    r"\bfuer mich einsetzen\b|\bsich fuer mich stark\b",
    r"\b(?:zum|zu einem) (?:vorstellungs|bewerbungs)?gespraech eingeladen\b",
    r"\bnehm\w* (?:sie|ihr|du)\b"
    + _g(20)
    + r"\b(?:leute|jemanden|mitarbeitende|personal)\b"
    + _g(10)
    + r"\bauf\b",
    r"\bmich\b" + _g(30) + r"\b(?:ihrer|eurer|der|dem|deiner|ihrem|eurem) (?:personalabteilung|hr"
    r"|personalleitung|personalchef\w*|personalleiter\w*|recruiter\w*|recruiting)\b",
    r"\b(?:gerne?|gern) (?:fuer|bei) (?:sie|euch|dich|ihnen|\w+) (?:arbeiten|taetig sein)\b",
    r"\bbei (?:ihnen|euch|dir|\w+)\b"
    + _g(20)
    + r"\b(?:stelle|job|position|anstellung)\b"
    + _g(10)
    + r"\b(?:bekommen|kriegen|erhalten)\b",
    r"\b(?:any|a|some) (?:roles?|positions?|jobs?|openings?)\b"
    + _g(30)
    + r"\b(?:fit|fits|suit|suits|for) me\b",
    r"\bpass (?:on )?my (?:name|details|profile|cv|resume)\b|\bpass my (?:name|details) on\b",
    r"\b(?:forward|pass)\b" + _g(20) + r"\bmy (?:profile|details|name)\b",
    r"\bchance (?:of|for) (?:a|getting a) (?:job|position|role)\b",
    r"\bhelp me (?:land|get|find)\b" + _g(20) + r"\b(?:job|position|role)\b",
    r"\b(?:land|get) (?:me )?a (?:job|position|role) (?:at|with) (?:you|your)\b",
    r"\b(?:is|are)\s+(?:\w+\s+){0,3}recruiting\b",
    r"\bconsider me\b|\bmich (?:in betracht ziehen|beruecksichtigen)\b",
    r"\b(?:room for|need|hire|use|want|take on|looking for) someone like me\b",
    r"\b(?:bring|take) (?:on )?(?:anyone|someone|people|new people|more people) on(?: ?board)?\b",
    r"\bbe (?:a|my) reference\b|\bmy reference\b|\breference for me\b|\bas a reference\b",
    r"\b(?:put me in touch|connect me|introduce me)\b"
    + _g(25)
    + r"\b(?:recruit\w*|hr|hiring manager|talent acquisition)\b",
    r"\b(?:hiring manager|recruiter)\b" + _g(40) + r"\b(?:about me|my name|my cv|my application)\b",
    r"\b(?:moeglichkeit|chance|gelegenheit|platz|einstieg|option)\w*\b"
    + _g(20)
    + r"\bfuer (?:mich|jemanden wie mich|jemanden mit meine\w*)\b",
    r"\bstellenbesetzung\b|\bins gespraech bringen\b",
    r"\bob\b"
    + _g(30)
    + r"\b(?:jemanden|leute|verstaerkung)\b"
    + _g(10)
    + r"\b(?:braucht|brauchen|sucht|suchen|einstellt|einstellen)\b",
    r"\bbei (?:ihnen|euch|dir)\b"
    + _g(20)
    + r"\b(?:reinkomm\w*|rein|hineinkomm\w*|unterkomm\w*|einsteigen|anfangen)\b",
    r"\bbedarf\b" + _g(30) + r"\b(?:mir|meinem|meiner|jemandem wie mir|leuten wie mir)\b",
    r"\b(?:ihnen|dir|euch)\b"
    + _g(10)
    + r"\b(?:meinen lebenslauf|mein cv|meine unterlagen|meine bewerbung\w*|mein dossier)\b",
    r"\bmy (?:cv|resume)\b" + _g(20) + r"\bwith you\b"
    r"|\b(?:send|give|leave|email|hand) you my (?:cv|resume)\b",
    r"\bskip (?:the )?(?:online )?(?:application|process|queue|line)\b|\bfast.?track\w*\b",
    r"\bfoot in the door\b|\bfuss in die tuer\b",
    r"\b(?:a )?(?:place|spot|role|position|job|opening) for (?:me|someone with my|someone like me)\b",
    r"\bopportunit(?:y|ies) for (?:me|someone like me|someone with my)\b",
    r"\bmention(?:ing)? me to (?:your|the) (?:manager|boss|team lead|hr|recruiter\w*|hiring)\b",
    r"\bi(?:'d| would|'m| am) (?:be )?available\b|\b(?:ich )?(?:waere|bin) (?:\w+ )?verfuegbar\b",
    r"\bheadcount for\b",
    r"\b(?:consider|review|push|prioriti[sz]e|flag)\b" + _g(10) + r"\bmy application\b",
    r"\bmeine bewerbung\b" + _g(60) + r"\b(?:pushen|unterstuetzen|beschleunigen|empfehlen"
    r"|weiterleiten|beachten|priorisieren)\b",
    r"\b(?:bewerbe mich|beworben|meine bewerbung|applied|my application|i'?m applying)\b"
    + _g(80)
    + r"\b(?:koennten sie|koenntest du|wuerden sie|unterstuetz\w*|ein auge|auge drauf|could you"
    r"|would you|can you|put in|keep an eye|look out)\b",
]

DELEGATION = [
    r"\bwenn (?:sie|du) ich waer\w*\b",
    r"\bin meiner (?:lage|situation|position)\b" + _g(40) + r"\b(?:tun|machen|vorgehen)\b",
    r"\bwas (?:soll|sollte|muss|muesste) ich\b" + _g(40) + r"\b(?:tun|machen|werden|anstreben)\b",
    r"\bwas ich\b" + _g(40) + r"\b(?:machen|tun|werden|anstreben)\b ?(?:sollte|soll|muss)\b",
    r"\b(?:welche[nrsm]?|was fuer (?:ein(?:en|e)?)?)\s+(?:job|stelle|beruf|berufsziel|richtung"
    r"|rolle|position|karriere\w*|branche|firma|weg|ziel|laufbahn|funktion)\b"
    + _g(60)
    + r"\b(?:soll|sollte|muesste|wuerden sie mir|wuerdest du mir|empfehlen sie mir"
    r"|empfiehlst du mir|raten sie mir)\b",
    r"\b(?:welche[nrsm]?)\s+(?:job|stelle|beruf|rolle|position|branche|firma|richtung)\b"
    + _g(50)
    + r"\bpasst\b"
    + _g(30)
    + r"\bzu mir\b",
    r"\bwo (?:sehen sie|siehst du|seht ihr) mich\b|\bwo (?:passe ich|ich (?:hin|rein)passe)\b",
    r"\b(?:sagen sie|sag|sagt|sag du)\b"
    + _g(15)
    + r"\bmir\b"
    + _g(10)
    + r"\b(?:was|wo|welche\w*|wohin)\b"
    + _g(40)
    + r"\b(?:ich|mich)\b"
    + _g(30)
    + _CAREER_VERB,
    r"\b(?:koennen|koennten) sie mir sagen\b"
    + _g(10)
    + r"\b(?:was|welche\w*|wohin)\b"
    + _g(40)
    + r"\bich\b"
    + _g(30)
    + _CAREER_VERB
    + r" ?(?:soll|sollte|muss)?",
    r"\b(?:entscheiden sie|entscheide du|entscheidet ihr)\b|\bfuer mich (?:entscheiden"
    r"|aussuchen|auswaehlen|festlegen)\b",
    r"\b(?:karriereplan|laufbahnplan|karriereplanung)\b"
    + _g(60)
    + r"\b(?:machen|erstellen|entwerfen|aufstellen)\b",
    r"\bsoll(?:te)? ich\b"
    + _g(80)
    + r"\boder\b"
    + _g(60)
    + r"\b(?:bleiben|wechseln|branche|bewerben|anderes|umschulen|studieren|kuendigen"
    r"|selbststaendig|logistik|medtech)\b",
    r"\bvertrau\w*\b" + _g(20) + r"\b(?:ihrem|deinem|eurem) urteil\b",
    r"\bwas (?:raten|empfehlen) sie mir\b\s*\??$|\bwas wuerden sie mir (?:raten|empfehlen)\s*\??$",
    # English
    r"\bif you were me\b|\bwere you me\b",
    r"\bwhat (?:should|shall|must) i (?:do|be doing|pursue|aim for|go for|study)\b",
    r"\bwhat (?:do you think|would you say) i should (?:do|be doing|pursue|go for|aim for)\b",
    r"\b(?:which|what) (?:kind of |type of )?(?:job|role|career|position|job title|direction"
    r"|path|field|industry|company|companies|firm|firms|sector)\b"
    + _g(50)
    + r"\bshould i\b(?! (?:talk|speak|contact|approach|reach|meet|call|ask|read|learn)\b)",
    r"\bwhich (?:one|of (?:these|them|those)\b"
    + _g(30)
    + r")\s*should i\b(?! (?:talk|speak|contact|approach|reach|meet|call|ask|read|learn)\b)",
    r"\bwhere do you see me\b|\bwhere (?:would |do )?i (?:fit|belong)\b|\bwhere you see me\b"
    r"|\bwhere (?:would|do) you (?:place|put) me\b",
    r"\b(?:role|job|career|position|work)\b" + _g(20) + r"\bi(?:'d| would) be good at\b",
    r"\bwhat i(?:'m| am) (?:good|suited|cut out) for\b",
    r"\bwhat my (?:ideal|dream|next) (?:job|role|career|step|move) (?:is|should be)\b",
    r"\bwhat should my (?:career |next )?(?:goal|move|step) be\b",
    r"\byou decide\b(?=\s*(?:[.!?]|$|for me))|\bdecide for me\b|\bpick\b"
    + _g(20)
    + r"\bfor me\b"
    + r"|\bchoose\b"
    + _g(15)
    + r"\bfor me\b",
    r"\bmap out my\b|\b(?:plan|chart) (?:out )?my (?:career|next|future)\b",
    r"\btell me (?:what|which|where)\b"
    + _g(30)
    + r"\b(?:i should|my ideal|to do|job|career|i fit|i belong)\b",
    r"\btrust your judg(?:e)?ment\b" + _g(20) + r"\bmore than\b",
    r"\bshould i\b"
    + _g(60)
    + r"\bor\b"
    + _g(40)
    + r"\b(?:stick with|stay|switch|quit|go back|retrain|change careers|move into)\b",
    r"\bwhat (?:would|do) you (?:advise|recommend|suggest) (?:me )?(?:to do|i do)\b",
    r"\b(?:der|die|das) (?:richtige|beste|ideale)\w* (?:naechste\w* )?(?:schritt|job|stelle|weg"
    r"|richtung|branche|beruf|rolle)\b" + _g(15) + r"\bfuer (?:mich|jemanden wie mich)\b",
    r"\bfuer mich\b" + _g(20) + r"\b(?:der|die|das) richtige\w* (?:naechste\w* )?(?:schritt|job"
    r"|stelle|weg|richtung|branche|beruf|rolle)\b",
    r"\bwas (?:ist|waere|sollte|soll) (?:denn )?mein\w* naechste\w* (?:schritt|job|stelle|rolle"
    r"|station)\b",
    r"\bwelche\w*\b" + _g(40) + r"\bzu mir (?:passen|passt)\b",
    r"\bwofuer (?:bin|waere) ich\b|\b(?:wofuer|wozu) ich\b" + _g(20) + r"\bgeeignet\b",
    r"\bwo (?:wuerden|wuerdest|wuerdet) (?:sie|du|ihr) mich\b"
    r"|\bwie wuerden sie mich (?:einordnen|einsetzen)\b",
    r"\bwohin soll ich\b|\bwie soll es (?:bei mir )?(?:beruflich )?weitergehen\b",
    r"\bmy next (?:step|move|job|role|career move)\b" + _g(10) + r"\bshould be\b",
    r"\bwhat(?:'s| is) my next (?:step|move)\b",
    r"\b(?:suits?|fits?) me (?:best|most)\b|\b(?:which|what)\b"
    + _g(40)
    + r"\b(?:suits?|fits?) me\b",
    r"\bwhat am i (?:good|suited|cut out|made) for\b",
    r"\btell me what to do\b",
    r"\b(?:right|best|ideal|perfect) (?:\w+ )?(?:job|role|career|path|move|step|position|industry"
    r"|direction)\b (?:\w+ )?for me\b",
    r"\bwhere (?:should|do) i go from here\b",
    r"\b(?:do you think|would you say) i should (?:switch|change|quit|apply|go|move|stay|leave"
    r"|retrain|pursue|become|take)\b",
    r"\bwhat should my (?:career |next )?(?:goal|move|step|job|role|career) be\b",
    r"\bhelp me (?:decide|figure out|work out) what (?:i want|to do|i should)\b",
    r"\bsoll(?:te)? ich\b" + _g(60) + r"\beher\b" + _g(40) + r"\boder\b",
    r"\bsoll(?:te)? ich\b" + _g(60) + r"\b(?:annehmen|kuendigen|wechseln|bleiben|zusagen|absagen"
    r"|konzentrieren|fokussieren|orientieren|umsatteln)\b",
    r"\bfuer mich\b" + _g(30) + r"\boder\b|\boder\b" + _g(30) + r"\bfuer mich\b\s*\??$",
    r"\bwas (?:raten|empfehlen) sie mir\s*(?::|$|\?|beruflich|zu tun)",
    r"\bwas ich (?:als naechstes|beruflich|kuenftig|jetzt)\b",
    r"\b(?:path|future|career|direction|role)\b" + _g(15) + r"\bsee for me\b"
    r"|\bsehen sie fuer mich\b|\bsiehst du fuer mich\b",
    r"\bwhatever you (?:say|think|suggest|recommend)\b|\bwas immer sie (?:sagen|raten|empfehlen)\b",
    r"\b(?:recommend|suggest|advise) (?:that )?i (?:do|pursue|go|focus|should)\b",
    r"\bsomeone in my (?:situation|position|shoes)\b|\bjemand\w* in meiner (?:situation|lage)\b",
    r"\bshould i (?:stay|leave|quit|switch|change|go back|move|become|accept|take the|focus)\b",
    r"\bsteer me\b|\bwhere would you (?:send|steer|point) me\b",
    r"\bsee me (?:doing|as|in)\b|\bwhere do you see me\b",
]

BURDEN = [
    r"\bverzweifel\w*|\bletzte(?:n)? hoffnung\b|\bkeine kraft mehr\b",
    r"\b(?:der|die) einzige\w*,? (?:der|die) mir (?:noch )?(?:helfen|weiterhelfen)\b",
    r"\b(?:voellig|total|komplett|ganz|einfach) (?:durch den wind|am ende|fertig|ueberfordert"
    r"|kaputt|verloren|ratlos|hoffnungslos)\b",
    r"\b(?:weiss|wusste) (?:einfach |wirklich )?(?:nicht mehr|keinen rat mehr) weiter\b"
    r"|\bnicht mehr weiter\b",
    r"\b(?:arbeitslos|ohne (?:job|stelle|arbeit)|stellenlos) seit\b|\bseit\b"
    + _g(30)
    + r"\b(?:arbeitslos|stellenlos|ohne (?:job|stelle|arbeit))\b",
    r"\barbeitslosengeld\b|\bbrauche dringend\b|\bdringend (?:eine|einen|etwas|arbeit|job)\b",
    r"\bmacht mir\b" + _g(15) + r"\bdruck\b|\bich (?:stehe|bin) (?:\w+ )?unter druck\b",
    r"\bwohnung aufgeben\b|\bschlafe? (?:kaum|nicht mehr|schlecht)\b",
    r"\bbitte\b" + _g(20) + r"\b(?:sie muessen|du musst|helfen sie mir|hilf mir)\b",
    r"\b(?:sie muessen|du musst) mir\b" + _g(20) + r"\bhelfen\b",
    r"\bnur absagen\b|\bnichts als absagen\b|\b\d+ (?:bewerbungen|absagen)\b",
    r"\bniemand (?:will|nimmt|stellt)\b|\bkein mensch (?:will|nimmt)\b",
    r"\bbelaestig\w*|\bzur last (?:zu )?fallen\b|\bkostbare\w* zeit\b",
    r"\b(?:raub|stehl|stiehl|stahl|verschwend)\w*\b" + _g(30) + r"\bzeit\b",
    r"\bzeit\b" + _g(10) + r"\b(?:stehle|raube|verschwende)\b",
    r"\bentschuldigung,? entschuldigung\b|\bdumme\w* fragen?\b",
    r"\b(?:es )?tut mir (?:wirklich |so |sehr |furchtbar |echt )?leid\b",
    r"\bpeinlich\b|\b(?:wichtigeres|besseres) zu tun\b",
    r"\bverzeih\w*\b" + _g(40) + r"\b(?:unvorbereitet|stoer\w*|zeit|belaestig\w*)\b",
    r"\bversager\w*|\bnichts wert\b|\bkann nicht mehr\b",
    # English
    r"\bdesperat\w*\b(?! for (?!(?:a job|work|anything|help|something)\b))|\blast hope\b|\bonly (?:one|person) (?:who|that) can (?:still )?help\b",
    r"\bcan(?:'t|not| not) (?:afford|take (?:it|this)|go on|cope)\b",
    r"\bbarely (?:get out of bed|sleep|cope|keep)\b|\bcan'?t sleep\b",
    r"\bplease,? (?:you have to|you must|i beg|help me)\b|\byou have to help me\b|\bi beg\b",
    r"\bvisa depends\b|\bsavings (?:run|are running|ran|will run) out\b|\bcounting on me\b",
    r"\bneed (?:something|a job|work|anything|this) (?:fast|quickly|urgently|now|asap)\b",
    r"\burgently need\b|\bi really need (?:something|a job|this|work)\b",
    r"\bsorry,? sorry\b|\bwast(?:e|ing) your (?:precious |valuable )?time\b|\bprecious time\b",
    r"\b(?:silly|stupid|dumb) questions?\b|\bhate to (?:impose|bother|ask)\b",
    r"\bimpos(?:e|ing) on you\b|\bworth (?:far |so much |much )?more than mine\b",
    r"\bfeel (?:terrible|awful|bad|guilty) (?:for|about)\b|\bbothering you\b"
    r"|\bsorry (?:to|for) bother\w*\b",
    r"\b(?:nobody|no one|no-one) (?:wants|will|is going) (?:to )?hire\b",
    r"\bi(?:'m| am) (?:so |completely |totally |just )?(?:exhausted|broken|lost)\b",
    r"\bconfidence is (?:completely |totally )?(?:shot|gone)\b",
    r"\bi (?:feel|am) (?:like )?(?:a |such a )?(?:total |complete )?failure\b",
    r"\bdon'?t know what (?:else )?to do\b|\bheard nothing back\b",
    r"\b\d+ (?:applications|rejections)\b|\ball (?:these|those|the) rejections\b",
    r"\bbetter things to do\b|\blast person you\b",
    r"\bforgive me for (?:taking|bothering|wasting|being)\b",
    r"\b(?:unemployed|out of work|jobless) for\b|\bfalling apart\b|\bat the end of my rope\b",
    r"\bbegging\b|\bi'?m (?:so )?sorry,? (?:this is|i know|for)\b",
    r"\btaking up (?:so much of )?your (?:time|afternoon|morning|evening|day)\b",
    r"\bhalte? (?:das|es) nicht mehr aus\b",
    r"\bgeht es mir\b" + _g(15) + r"\bschlecht\b|\bmir geht es\b" + _g(15) + r"\bschlecht\b",
    r"\b(?:bin|sind)\b" + _g(25) + r"\bam ende\b(?! de[sr]| dieses| vom)",
    r"\b(?:ersparnisse|erspartes|reserven)\b"
    + _g(30)
    + r"\b(?:aufgebraucht|weg|ausgehen|gehen aus|reichen)\b|\bschulden\b",
    r"\b(?:einzige|letzte)\w* chance\b|\bflehe\b|\banflehen\b",
    r"\b(?:fuehle mich|bin)\b" + _g(15) + r"\b(?:nutzlos|wertlos|ueberfluessig|ein versager"
    r"|am boden)\b",
    r"\bentschuldig\w*\b" + _g(30) + r"\b(?:stoerung|stoere|stoeren)\b",
    r"\b(?:bloede|doofe|bloed|doof)\w* fragen?\b",
    r"\b(?:keiner|niemand) (?:will|nimmt|stellt) mich\b",
    r"\bangst\b" + _g(30) + r"\b(?:nie wieder|nie mehr|keine stelle|keinen job)\b",
    r"\bbrauche\b"
    + _g(15)
    + r"\b(?:job|stelle|arbeit)\b"
    + _g(10)
    + r"\b(?:wirklich|unbedingt|dringend)\b|\bbrauche (?:wirklich|unbedingt|dringend)\b",
    r"\bwits'? end\b|\bend of my tether\b|\b(?:it'?s|this is) killing me\b",
    r"\bi'?m (?:really |so |just )?struggling\b(?! to understand)",
    r"\b(?:terrified|scared|afraid)\b" + _g(30) + r"\bnever\b"
    r"|\bnever (?:work|find a job) again\b",
    r"\bsorry to (?:take|bother|waste|impose)\b|\bsorry for taking\b",
    r"\bnot good enough\b",
    r"\b(?:rent|mortgage|bills?)\b" + _g(30) + r"\b(?:due|can'?t pay|behind|overdue)\b"
    r"|\bnothing lined up\b",
    r"\bi feel (?:so )?(?:worthless|useless|hopeless|like a burden)\b|\bworthless\b",
    r"\b(?:nobody|no one) (?:calls|answers|replies|responds|gets back)\b",
    r"\brunning out of (?:options|money|time|savings)\b",
    r"\b(?:luft|puste) (?:geht )?(?:mir )?aus\b|\bgeht mir die (?:luft|puste|kraft) aus\b",
    r"\b(?:absage\w*|rejection\w*)\b" + _g(30) + r"\b(?:nagen|zermuerb\w*|frust\w*|deprim\w*"
    r"|fertig|kaputt|getting to me|wearing me down)\b",
    r"\b(?:selbstvertrauen|selbstbewusstsein|selbstwert\w*)\b"
    + _g(20)
    + r"\b(?:keller|weg|am boden|kaputt|verloren|null)\b",
    r"\bmy confidence\b" + _g(20) + r"\b(?:gone|shot|rock bottom|zero|destroyed|shattered)\b",
    r"\b(?:total|voellig|so|extrem|echt|wirklich|ziemlich) (?:frustriert|deprimiert|fertig"
    r"|erschoepft|ausgebrannt)\b",
    r"\bi'?m (?:so |totally |completely |really )?(?:frustrated|depressed|devastated|burnt out"
    r"|burned out)\b",
    r"\bbehellig\w*\b|\bsorry,? dass ich\b",
    r"\bjemanden wie mich\b" + _g(10) + r"\bzeit\b|\bzeit\b" + _g(20) + r"\bjemanden wie mich\b"
    r"|\btime for someone like me\b",
    r"\bnot (?:as |very )?(?:qualified|smart|good|experienced) (?:as|enough)\b",
    r"\bsorry in advance\b|\bim voraus\b" + _g(10) + r"\bentschuldig\w*",
    r"\brejected (?:so many times|again and again|over and over)\b",
    r"\b(?:kids|children|mouths|family) to feed\b|\b(?:familie|kinder) (?:ernaehren|durchbringen)\b",
    r"\bunemployment (?:benefits|insurance|money)\b|\brock bottom\b|\btiefpunkt\b",
    r"\bruecken zur wand\b|\bback (?:against|to) the wall\b",
    r"\bwie lange ich (?:das )?noch\b|\bhard on (?:me|my family|us)\b",
    r"\bdump\w* (?:all )?(?:this|that|it) on you\b|\bunload\w* (?:all )?(?:this|that|it )?on you\b",
    r"\bich bin (?:ja )?nur\b|\bi'?m (?:just |only )?a nobody\b",
    r"\b(?:stehl|raub|verschwend|klau)\w*\b" + _g(5) + r"\bzeit\b"
    r"|\bzeit\b" + _g(10) + r"\b(?:stehl|raub|verschwend|klau)\w*",
]

# Whether the partner is hiring, asked for the partner's challenge ('are you recruiting for
# Brno, and which profiles are hardest to find?') is an insight question; asked on its own, or
# with the user offering themselves, it asks for an opening.
_HIRING_WORD = re.compile(
    r"\b(?:hiring|recruit\w*|rekrutier\w*|such\w*|brauch\w*|stell\w*|verstaerkung|einstell\w*)\b"
)
HIRING_CHALLENGE = re.compile(
    r"\b(?:hardest|hard to (?:find|fill|hire|get)|difficult\w*|challeng\w*|tackl\w*|struggl\w*"
    r"|bottleneck\w*|shortage\w*|scarce|schwer\w*|schwierig\w*|herausforder\w*|engpass\w*"
    r"|mangel\w*|\w+mangel|knapp\w*|welche profile|which profiles|what profiles)\b"
)
SELF_OFFER = re.compile(
    r"\b(?:me|my|mine|myself|i|i'm|i'd|i've|mich|mir|mein\w*|ich|someone like me)\b"
)

_COMPILED = {
    "job_request": [re.compile(p) for p in JOB_REQUEST],
    "delegation": [re.compile(p) for p in DELEGATION],
    "burden": [re.compile(p) for p in BURDEN],
}


@dataclass
class EyeLevelHit:
    kind: str
    triggers: list[str]


def eye_level_hits(question: str) -> list[EyeLevelHit]:
    """Which eye-level kinds the question shows, with the user's words that triggered each.

    Two layers: fixed phrases the method warns about (above) and word-class combinations
    (`wordclasses`), which carry the generalisation to wordings no list foresaw."""
    folded, origin = fold_map(question)
    by_class = class_hits(question)
    partners_challenge = bool(HIRING_CHALLENGE.search(folded)) and not SELF_OFFER.search(folded)
    hits = []
    for kind, patterns in _COMPILED.items():
        spans: list[str] = []
        for pattern in patterns:
            for match in pattern.finditer(folded):
                if partners_challenge and _HIRING_WORD.search(match.group(0)):
                    continue
                words = original_span(question, origin, match.start(), match.end())
                if words and words not in spans:
                    spans.append(words)
        # the most telling words first: a whole phrase beats a bare request form
        spans += sorted(
            (w for w in by_class.get(kind, []) if w not in spans), key=len, reverse=True
        )
        # a word already inside a quoted phrase adds nothing ('Are you hiring', 'hiring')
        spans = [w for i, w in enumerate(spans) if not any(w in s for s in spans[:i])]
        if spans:
            hits.append(EyeLevelHit(kind, spans[:3]))
    return hits
