"""German demo content for the dialog: residents, contributions, comments and answers (demo data, not msgids)."""

# Pseudonymous display names of the demo residents who write (e-mail bewohner-NN@demo.stadtdialog.example).
RESIDENT_NAMES = [
    "Eilenriede-Fan",
    "Maschseeläuferin",
    "Radlerin aus der List",
    "Lindener Original",
    "Opa Heinz",
    "Nordstadtkind",
    "Kiezgärtnerin",
    "Spielplatz-Papa",
    "Marktfrau Gül",
    "Kulturbeutel",
    "Leinewelle",
    "Nachbarin 3b",
    "Ricklinger Teich",
    "Stöckener Jung",
    "Mittelfeld-Mama",
    "Roderbrucher",
    "Sallstraßen-Anwohnerin",
    "Pendler mit Lastenrad",
    "Wettbergerin",
    "Davenstedter",
    "Stadtbaum-Pate",
    "Rollifahrerin",
    "Hainholzer",
    "Bürgerin 1961",
]

# Theme of each running process, by the plan's title; the default is "platz".
THEME_BY_PLAN = {
    "Klimaanpassungsstrategie Hannover 2035": "klima",
    "Mitmach-Schulhof Grundschule Wettbergen": "schule",
    "Spielplatz Fössebad": "gruen",
    "Stadtteilpark Stöcken": "gruen",
    "Verkehrsberuhigung Sallstraße": "verkehr",
    "Verkehrsversuch Engelbosteler Damm": "verkehr",
}

# (kind, title, text); "{ort}" is replaced by the quarter of the plan.
CONTRIBUTIONS = {
    "platz": [
        (
            "idea",
            "Trinkbrunnen auf dem Platz",
            "Im Sommer gibt es rund um den Platz in {ort} keine Möglichkeit, kostenlos Wasser zu trinken. Ein Trinkbrunnen wäre für Kinder, Ältere und Radfahrende eine große Hilfe.",
        ),
        (
            "idea",
            "Mehr Schatten durch große Bäume",
            "Der Platz heizt sich im Sommer stark auf. Bitte große Laubbäume statt kleiner Kübelpflanzen pflanzen – und Sitzbänke darunter stellen.",
        ),
        (
            "concern",
            "Der Wochenmarkt muss bleiben",
            "Der Markt am Donnerstag ist für viele in {ort} der wichtigste Treffpunkt. Die Fläche für die Stände darf nicht kleiner werden, und Strom- und Wasseranschlüsse müssen erhalten bleiben.",
        ),
        (
            "question",
            "Wie viele Parkplätze fallen weg?",
            "Im Konzept steht, dass Stellplätze umgewandelt werden. Wie viele sind es genau, und gibt es Ersatz für Anwohnende mit Gehbehinderung?",
        ),
        (
            "idea",
            "Bänke mit Rücken- und Armlehnen",
            "Viele ältere Menschen aus dem Quartier brauchen Bänke mit Lehnen, damit sie gut aufstehen können. Bitte auch einige Bänke nahe der Haltestelle.",
        ),
        (
            "concern",
            "Lärm und Müll am Abend",
            "Schon jetzt treffen sich abends Gruppen auf dem Platz, und es wird spät laut. Wenn mehr Aufenthaltsflächen entstehen, braucht es ein Konzept gegen Lärm und Müll.",
        ),
        (
            "idea",
            "Überdachte Fahrradbügel am Rand",
            "Wer zum Einkaufen mit dem Rad kommt, schließt es an Laternen an. Überdachte Fahrradbügel am Rand des Platzes – auch für Lastenräder – würden helfen.",
        ),
        (
            "question",
            "Wird das Pflaster rollstuhlgerecht?",
            "Werden die Wege so gepflastert, dass man mit Rollator und Rollstuhl gut vorankommt? Das alte Kopfsteinpflaster ist kaum zu befahren.",
        ),
        (
            "idea",
            "Öffentliche, barrierefreie Toilette",
            "Für einen Platz mit Markt und Spielbereich fehlt eine öffentliche, barrierefreie Toilette. Die nächste ist viel zu weit entfernt.",
        ),
        (
            "idea",
            "Eine kleine Bühne für den Sommer",
            "Eine Fläche mit Stromanschluss für Konzerte, Lesungen oder Flohmärkte würde den Platz beleben. Vereine aus {ort} würden das gern organisieren.",
        ),
        (
            "concern",
            "Wo hält der Lieferverkehr?",
            "Die Geschäfte am Platz werden morgens beliefert. Bitte klären, wo die Lieferfahrzeuge künftig halten, sonst stehen sie auf dem Gehweg.",
        ),
    ],
    "gruen": [
        (
            "idea",
            "Wasserspielbereich mit Matschrinne",
            "Ein Wasserspielbereich mit Pumpe und Matschrinne wäre im Sommer ein Magnet für die Kinder aus ganz {ort}.",
        ),
        (
            "idea",
            "Schattige Sitzplätze für Eltern",
            "Rund um die Spielgeräte fehlen Bänke im Schatten. Eltern und Großeltern stehen oft in der prallen Sonne.",
        ),
        (
            "concern",
            "Die alten Bäume erhalten",
            "Die großen Eichen und Linden am Rand sind über 80 Jahre alt. Bitte bei den Bauarbeiten den Wurzelbereich schützen und keine Bäume fällen.",
        ),
        (
            "question",
            "Wird der Hauptweg nachts beleuchtet?",
            "Der Weg durch den Park ist eine wichtige Abkürzung zur Stadtbahn. Ist eine insektenfreundliche Beleuchtung des Hauptweges vorgesehen?",
        ),
        (
            "idea",
            "Spielgeräte auch für ältere Kinder",
            "Für Kleinkinder gibt es einiges, für Zehn- bis Vierzehnjährige fast nichts. Eine große Kletterkombination oder ein Calisthenics-Bereich wäre toll.",
        ),
        (
            "idea",
            "Inklusive Spielgeräte",
            "Bitte ein bodengleiches Karussell und eine Nestschaukel einplanen, die auch Kinder im Rollstuhl nutzen können.",
        ),
        (
            "concern",
            "Hunde auf der Sandfläche",
            "Immer wieder laufen Hunde über die Sandfläche. Ein niedriger Zaun um den Kleinkindbereich würde helfen.",
        ),
        (
            "idea",
            "Blühwiese statt kurz gemähtem Rasen",
            "Am Rand könnte eine Blühwiese entstehen – gut für Insekten und mit weniger Pflegeaufwand.",
        ),
        (
            "question",
            "Kann man Beetpatenschaften übernehmen?",
            "Einige Nachbarinnen und Nachbarn aus {ort} würden sich gern um Beete kümmern. Gibt es dafür Patenschaften?",
        ),
        (
            "idea",
            "Abfallbehälter mit Deckel",
            "Krähen holen den Müll aus den offenen Körben. Geschlossene Behälter – und mehr davon am Grillplatz – wären gut.",
        ),
        (
            "concern",
            "Nicht in den Sommerferien bauen",
            "Wie lange wird der Spielplatz gesperrt sein? Bitte die Bauarbeiten nicht in die Sommerferien legen.",
        ),
    ],
    "verkehr": [
        (
            "idea",
            "Durchgehend Tempo 30",
            "Zwischen Schule und Kindergarten wird oft zu schnell gefahren. Durchgehend Tempo 30 und regelmäßige Kontrollen würden die Straße sicherer machen.",
        ),
        (
            "concern",
            "Parkdruck in den Nebenstraßen",
            "Wenn Parkplätze wegfallen, weicht der Verkehr in die Nebenstraßen von {ort} aus. Wie wird verhindert, dass dort noch mehr zugeparkt wird?",
        ),
        (
            "idea",
            "Sichere Querung an der Haltestelle",
            "An der Stadtbahnhaltestelle laufen viele Menschen zwischen den Autos über die Straße. Ein Zebrastreifen oder eine Mittelinsel ist dringend nötig.",
        ),
        (
            "question",
            "Wie wird der Versuch ausgewertet?",
            "Welche Zahlen werden gemessen – Verkehrsmengen, Unfälle, Lärm –, und werden die Ergebnisse veröffentlicht?",
        ),
        (
            "idea",
            "Geschützte Radspur statt Hochbordradweg",
            "Der Radweg ist so schmal, dass man Lastenräder und Kinder auf dem Rad nicht überholen kann. Eine geschützte Radspur auf der Fahrbahn wäre besser.",
        ),
        (
            "concern",
            "Pflegedienste müssen vor die Tür kommen",
            "Pflegedienste und Handwerksbetriebe müssen weiterhin direkt vor die Häuser fahren können. Bitte Ladezonen einplanen.",
        ),
        (
            "idea",
            "Sommerterrassen statt Parkplätzen",
            "Einige Parkplätze könnten im Sommer für Außengastronomie und Sitzbänke genutzt werden – das belebt die Straße.",
        ),
        (
            "question",
            "Was passiert mit der Buslinie?",
            "Fährt der Bus während des Versuchs die gewohnte Strecke, und bleiben die Haltestellen an ihrem Platz?",
        ),
        (
            "concern",
            "Lieferwagen in zweiter Reihe",
            "Schon heute halten Lieferwagen in zweiter Reihe und blockieren den Radweg. Ohne Kontrollen wird sich daran nichts ändern.",
        ),
        (
            "idea",
            "Mehr Fahrradbügel vor den Geschäften",
            "Vor den Geschäften fehlen Fahrradbügel; Räder stehen auf dem Gehweg und behindern Menschen mit Kinderwagen.",
        ),
        (
            "idea",
            "Baumbeete, die Regen aufnehmen",
            "Wo Parkplätze wegfallen, könnten Beete und Baumscheiben entstehen, die bei Starkregen Wasser aufnehmen.",
        ),
    ],
    "schule": [
        (
            "idea",
            "Grünes Klassenzimmer",
            "Eine Ecke mit Sitzstufen und Schatten, in der bei gutem Wetter Unterricht stattfinden kann.",
        ),
        (
            "idea",
            "Kletterwand und Balancierparcours",
            "Die Kinder der Klasse 3b wünschen sich eine Kletterwand und Balken zum Balancieren.",
        ),
        (
            "concern",
            "Entsiegeln, aber ohne Matsch",
            "Weniger Asphalt finden wir gut. Es braucht aber feste Wege, damit im Winter nicht alles matschig wird.",
        ),
        (
            "question",
            "Ist der Schulhof nachmittags offen?",
            "Wird der Schulhof nach dem Umbau außerhalb der Schulzeit für Kinder aus {ort} geöffnet?",
        ),
        (
            "idea",
            "Schulgarten mit Hochbeeten",
            "Hochbeete, in denen die Klassen Gemüse anbauen, und ein Wasseranschluss zum Gießen.",
        ),
        (
            "idea",
            "Eine Ruhezone zum Lesen",
            "Nicht alle Kinder wollen in der Pause toben. Eine ruhige Ecke mit Sitznischen oder Hängematten wäre schön.",
        ),
        (
            "concern",
            "Das Fußballfeld nicht verkleinern",
            "Das Fußballfeld ist in jeder Pause voll. Bitte die Fläche nicht für andere Angebote verkleinern.",
        ),
        (
            "question",
            "Können Eltern beim Bau mithelfen?",
            "Viele Eltern würden an einem Aktionstag beim Pflanzen oder Streichen helfen. Ist das vorgesehen?",
        ),
        (
            "idea",
            "Trinkbrunnen auf dem Hof",
            "Im Sommer haben die Kinder in den Pausen Durst. Ein Trinkbrunnen auf dem Hof wäre super.",
        ),
    ],
    "klima": [
        (
            "idea",
            "Jedes Jahr zehn neue Trinkbrunnen",
            "An heißen Tagen fehlen in der Innenstadt und an Haltestellen Trinkbrunnen. Die Stadt könnte jedes Jahr zehn neue aufstellen.",
        ),
        (
            "idea",
            "Hitzehilfe für ältere Menschen",
            "Ältere und alleinlebende Menschen sollten bei Hitzewellen angerufen oder besucht werden – mit Nachbarschaftsnetzwerken und Pflegediensten.",
        ),
        (
            "concern",
            "Junge Straßenbäume vertrocknen",
            "Viele junge Straßenbäume sind in den letzten Sommern vertrocknet. Die Strategie muss auch die Pflege und das Gießen finanzieren.",
        ),
        (
            "question",
            "Was geschieht mit Schottergärten?",
            "Werden Schottergärten in Vorgärten künftig konsequent untersagt und kontrolliert?",
        ),
        (
            "idea",
            "Zisternen und Gründächer fördern",
            "Förderprogramme für Zisternen und Gründächer würden Starkregen abmildern und die Gärten im Sommer versorgen.",
        ),
        (
            "idea",
            "Karte der kühlen Orte",
            "Eine Karte mit kühlen Orten – Kirchen, Bibliotheken, Parks – und ihren Öffnungszeiten wäre bei Hitze sehr hilfreich.",
        ),
        (
            "concern",
            "Unterführungen bei Starkregen",
            "Bei Starkregen laufen die Unterführungen in {ort} voll. Die Strategie sollte sagen, welche Stellen zuerst sicherer gemacht werden.",
        ),
        (
            "question",
            "Wie wird der Erfolg gemessen?",
            "Welche Kennzahlen – Baumbestand, versiegelte Fläche, Hitzetage – werden jährlich veröffentlicht?",
        ),
        (
            "idea",
            "Schulhöfe entsiegeln",
            "Schulhöfe sind oft komplett asphaltiert. Entsiegelte und begrünte Schulhöfe helfen Kindern und dem Stadtklima.",
        ),
        (
            "idea",
            "Fassadenbegrünung einfach machen",
            "Mieterinnen und Mieter würden gern Fassaden begrünen, brauchen aber die Zustimmung der Vermieter und eine einfache Förderung.",
        ),
    ],
}

# Collected on site: (source, source note, kind, title, text)
ONSITE = [
    (
        "postcard",
        "Postkarte aus dem Stadtteiltreff",
        "idea",
        "Mehr Bänke zum Ausruhen",
        "Bitte mehr Bänke, auf denen man sich auch mit 85 noch ausruhen kann. Ich gehe jeden Tag hier entlang.",
    ),
    (
        "event",
        "Infostand auf dem Wochenmarkt",
        "question",
        "Informationen in mehreren Sprachen",
        "Am Infostand wurde gefragt, ob die Informationen auch auf Türkisch, Arabisch und Russisch erscheinen.",
    ),
    (
        "letter",
        "Brief an den Fachbereich",
        "concern",
        "Zufahrt für Krankentransporte",
        "Als Anwohner im Erdgeschoss sorge ich mich, ob die Zufahrt für Krankentransporte frei bleibt.",
    ),
    (
        "workshop",
        "Jugendwerkstatt im Freizeitheim",
        "idea",
        "Überdachter Treffpunkt für Jugendliche",
        "In der Werkstatt wünschten sich Jugendliche einen überdachten Treffpunkt mit Sitzmöglichkeiten und Steckdosen.",
    ),
]

COMMENTS = [
    "Das sehe ich genauso. Gerade im Sommer wäre das eine echte Verbesserung.",
    "Gute Idee! Bitte aber so planen, dass die Pflege auf Dauer gesichert ist.",
    "Ich bin skeptisch – wer kommt für die laufenden Kosten auf?",
    "Wir wohnen direkt nebenan und würden uns sehr darüber freuen.",
    "Das betrifft auch Menschen mit Kinderwagen, nicht nur Ältere.",
    "Vielleicht lässt sich das mit dem Vorschlag zu mehr Bäumen verbinden?",
    "Genau das wurde schon bei der letzten Beteiligung vorgeschlagen. Schön, dass es wieder aufkommt.",
    "Ich sehe das anders: Der Platz sollte nicht überladen werden. Weniger ist manchmal mehr.",
    "In Linden-Nord gibt es so etwas schon, und es funktioniert gut.",
    "Wichtiger Punkt. Die Verwaltung sollte dazu Zahlen veröffentlichen.",
]
REPLIES = [
    "Danke für den Hinweis, daran hatte ich nicht gedacht.",
    "Die Kosten wären überschaubar – andere Städte machen das längst.",
    "Da stimme ich zu, es muss aber barrierefrei bleiben.",
    "Ich bringe das gern in die Werkstatt vor Ort mit.",
]

# Answers of the lead contact by status (a reason is required for all but "taken" and "under_review").
ANSWERS = {
    "taken": "Danke für den Vorschlag. Wir nehmen ihn in die Entwurfsplanung auf und stellen den Entwurf in der Werkstatt vor Ort vor.",
    "partly": "Wir greifen den Vorschlag teilweise auf: Auf der ganzen Fläche ist das wegen der Leitungen im Untergrund nicht möglich; am Rand prüfen wir drei Standorte.",
    "not_taken": "Wir können den Vorschlag nicht aufnehmen: Die Fläche wird als Rettungsweg gebraucht. Die Feuerwehr verlangt dort eine freie Durchfahrt von 3,50 Metern.",
    "out_of_scope": "Das liegt außerhalb des Gestaltungsspielraums dieser Beteiligung. Zuständig ist der Fachbereich Tiefbau; wir haben Ihren Beitrag dorthin weitergeleitet.",
    "under_review": "Wir prüfen den Vorschlag mit den beteiligten Fachbereichen und melden uns bis zum Ende der Dialogphase.",
}
ANSWER_ORDER = ["taken", "partly", "under_review", "not_taken", "taken", "out_of_scope", "partly"]

REPORT_COMMENTS = [
    "Schön, dass der Trinkbrunnen im Entwurf ist. Bitte die Bänke nicht direkt an die Fahrbahn stellen.",
    "Der Entwurf sieht gut aus. Wie geht es mit den Marktständen während der Bauzeit weiter?",
]
