"""Common first names (German-speaking countries, Europe, English-speaking world, India,
East Asia, Africa), folded (lower case, ä -> ae). The offline debrief extractor uses them to
tell a person ("Laura Sommer") from other capitalised words ("Lager Polen") when no title,
e-mail or role says so. A name missing here is still found through titles (Frau/Mr/Dr.),
e-mail addresses and "X, Head of … at …" patterns."""

from __future__ import annotations

from gespraech_assistant.textnorm import fold

_NAMES = """
aaron abdul abdullah adam adelheid adrian adriana adrienne agnes ahmed ahmet aisha akira alain
alan albert alberto alejandro aleksandra alena alessandra alessandro alessia alex alexa alexander
alexandra alexandre alexis alfred alfredo ali alice alicia alina aline alisha alma alois amanda
amelie amir amit amy ana anastasia andrea andreas andrej andrew andré andy anette angela angelika
angelo anika anita anja anjali ann anna annabelle anne anneliese annemarie annette anton antonia
antonio anuj arjun armin arnaud arne arno arthur arvid ashley astrid aurelia aurelie axel ayse
barbara bastian beat beatrice beatrix beate ben benedikt benjamin bernadette bernd bernhard
bettina bianca birgit björn bjoern blerim bogdan boris brian brigitte bruno caroline carina
carla carlo carlos carmen carol carolin carolina caroline catherine cecile cecilia celine
chantal charles charlotte chiara chloe chris christa christian christiane christina christine
christoph christopher claire clara claude claudia claudio colin conny constantin corinne
cornelia cristina dagmar dan dana daniel daniela danielle dario david davide debora deborah
denis denise dennis derek diana dieter dietmar dimitri dominik dominique donald doris dorothea
edith edward eleanor elena eleni elias elif elisa elisabeth elise ella ellen elmar elodie elsa
emanuel emil emilia emily emma emre enrico enzo eric erica erik erika ernesto esther eugen
eva evelyne fabian fabienne fabio fatima fatma felix ferdinand fernando filip filippo fiona
flavia florian francesca francesco francis francisco franco franz franziska frederic frederik
frida friedrich fritz gabriel gabriela gabriele gaby georg george georges gerald gerhard gertrud
gianluca gilles gina giorgio giovanni gisela giulia giuseppe gregor greta gudrun guido gunnar
günter guenter gustav hakan hanna hannah hannes hans hansjoerg hanspeter harald harry hassan
heidi heike heinrich heinz helen helena helene helga helmut hendrik henri henrik henry herbert
hermann hilde hiroshi hugo ian igor ilona ines ingo ingrid irene iris isabel isabella isabelle
ivan ivana ivo jacqueline jakob james jan jana jane janine jasmin jasmine jason jean jeanne
jennifer jens jeremy jessica joachim joanna jochen johanna johannes john jonas jonathan jordan
jorge josef joseph josephine joshua jost juan judith julia julian juliane julie julien jürg
juerg jürgen juergen justin kai kamal karen karin karina karl karolina kaspar katarina katharina
kathrin katja katrin kenji kevin kim klaus konrad kristina kurt lara lars laura laurent lea leah
lena leo leon leonie liam lina linda lisa liselotte livia lorenz lorenzo louis louise luca lucas
lucia luis luisa lukas luke lydia madeleine magdalena maja manfred manuel manuela manuel marc
marcel marco marcus margaret margrit maria mariana marie marina mario marion marius mark markus
marlene marta martha martin martina mary mathias matteo matthias mattia maurice mauro maximilian
mehmet melanie melissa meret mia michael michaela michel michele michelle miguel mika milan
miriam mirjam mohamed mohammed monica monika moritz nadia nadine nadja naomi natalia natalie
natascha nathalie neil nicola nicolas nicole niklas nikola nikolaus nils nina noah noemi
norbert olaf oliver olga olivia omar oscar oskar otto pascal pascale patricia patrick paul paula
pauline peter petra philipp philippe pia pierre pietro priya rachel rafael rahel rainer raj
rajesh ralf ralph ramon raphael rebecca regina regula reinhard remo renate rene renato reto
richard rita robert roberta roberto robin roger roland rolf roman romy ronald rosa rosmarie ruben
rudolf ruth sabine sabrina sacha samantha samuel sandra sandro sara sarah sascha sebastian selina
serena sergio silvan silvia simon simona simone sofia sonja sophia sophie stefan stefanie stephan
stephanie steffen steven susanne susan suzanne svenja sven sylvia tamara tanja tatjana theo
theresa thomas thorsten tim timo tina tobias tom tomas toni torsten ulrich ulrike urs ursula
urban uwe valentin valentina valeria vanessa vera verena veronika victor viktor vincent viola
virginie walter werner wilhelm william wolfgang xavier yann yannick yasmin yves zoe zoran
anil arun deepak divya kavya lakshmi neha pooja rahul ravi rohit sanjay sunita vikram vijay
wei li ming jun yuki hana haruto sakura min ji ji-woo seo kofi kwame ngozi chinedu amara ben
grace raj ben olu ade femi tunde yusuf ibrahim mustafa leyla zeynep ayla selin can baris
dirk holger jörg joerg kerstin mareike silke ute wiebke frauke hauke jannik jonah
"""

# More of Europe and beyond: Dutch, Nordic, Romansh, Iberian, Slavic, Baltic, Greek, Arabic,
# Turkish, Persian, African, English-speaking.
_MORE_NAMES = """
aart anouk bram daan dirk eline femke geert gert hendrik henk ilse jaap jan-willem
jeroen joost joris kees koen lieke lotte maarten marloes niels pieter roel ruud sander
sanne sjoerd stijn thijs wim willem wouter yvonne
aksel annika asger astri birgitta eskil freja frode gudrun halvard hedda henning ingrid
ivar jens jesper johan jonna kari karin kjell lasse linnea mads magnus malin malte mette
nils olaf pernille ragnar rasmus sigrid signe solveig sune svea terje tove
torben trine ulf vibeke
gian gion andri duri flurina ladina mengia curdin corsin seraina ursin giachen
afonso alvaro amparo beatriz catarina duarte esperanza gonzalo ines inês ines joao joão lucia
lúcia manuela mercedes nuno paloma pilar raquel rodrigo rui tiago vasco ximena
agnieszka bartosz dorota ewa grzegorz jakub jaroslav kamil katarzyna krzysztof lukasz łukasz
marek michal michał milan miroslav monika ondrej pavel pavla petr radek tomasz vaclav václav
wojciech zbigniew zuzana dragana dusan dušan goran jelena marko milica nikola stefan vesna
zoran ana-maria ioana mihai andrei bogdana irina olga svetlana tatjana vladimir yuri jurgis
aigars ieva kristaps tomas
dimitris georgios katerina kostas maria-elena nikos panagiotis sofia vasilis yannis
abdel amina amal farid hamza hassan hussein karim khalid layla leila mahmoud malik mariam
mohamed mohammed mustafa nadia omar rania rashid salim samira tarek yasmin yasmine youssef
zeynep burak deniz ebru emine hakan kemal mehmet murat selin serkan tuba
arash dariush nasrin parisa reza shirin
adaeze amara chidi chinedu kofi kwame ngozi nnamdi obinna oluwaseun tunde zanele
aidan bethany bradley brendan caitlin callum connor darren dylan eamon finn gavin gwendolyn
imogen kieran liam logan mary-kate niamh orla owen rhys ronan seamus shannon siobhan
tyler
aoife ciara clodagh eoin grainne oisin padraig roisin saoirse sinead siobhan siobhán
tanvir rahim farhana nusrat sadia imran ayesha priyanka rohit sanjay sunita deepak kavita
hiroko hiroshi kenji yuki yoko takeshi naoko satoshi haruka akiko minh linh thanh huong
aroha manaia tane wiremu mere
marguerite bartholomew gottfried josef sepp ruedi rahel sämi saemi urs ueli reto beat
kaspar xaver melchior balthasar wendelin fridolin meinrad theres vreni marlies heidi
pete pesche andi dani michi mike chrigi steff steffi kathi kati sandy hansi jonny matze liz
maggie kate jule juli anni tinu thomi tommy
arben besnik blerta driton fatmir valon vjosa arta liridon shqipe ardit egzon agron
samir nabil walid ziad rami nour yara dina hani bilal tarik jamal
mathieu thibault guillaume sebastien sébastien benoit benoît jerome jérôme aurelien aurélien
cedric cédric loic loïc mathilde solene solène oceane océane margaux helene hélène gaelle
thi lan lin thu hoa tuan hung trang ngoc mei jing xin hui ling jun hao
ramona mattia ivo sandro tiziano moreno orlando nevio luana alessio
joel joël noel noël raphael raphaël michael michaël gael gaël zoe zoë
hansruedi hanspeter annemarie rösli rosmarie trudi
hans-peter hans-rudolf karl-heinz marc-andré marc-andre jean-luc jean-pierre jean-marc
anne-marie marie-claire marie-louise
"""

FIRST_NAMES: frozenset[str] = frozenset(fold(n) for n in (_NAMES + _MORE_NAMES).split())

# First names that are also ordinary lower-case words: only trusted when capitalised.
COMMON_WORDS: frozenset[str] = frozenset(
    {"will", "may", "mark", "grace", "can", "rosa", "urban", "min", "roman", "li", "ji", "jun"}
)


def is_first_name(word: str, *, capitalised: bool) -> bool:
    key = fold(word)
    return key in FIRST_NAMES and (capitalised or key not in COMMON_WORDS)
