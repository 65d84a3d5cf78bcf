"""Word lists the sample generator draws invented names and titles from: the hand-picked, frequent
head of ``_vocab``'s vocabulary, and the fixed lists (roles, genres, countries, …).

Nothing here may spell a name the curated scenarios or the synthetic library use: the generator
reserves those names and re-draws any invented name that normalises onto one of them.
"""

from __future__ import annotations

FIRST_NAMES = (
    "Aaron Abigail Ada Adrian Agnes Aiko Alan Alba Alice Amadou Amara Ana Anders Andrea Anton "
    "Arturo Astrid Ayumi Beatriz Benedikt Bernard Bianca Boris Bruno Camille Carla Carmen Cecil "
    "Chiara Chioma Clara Claude Cosmo Dagny Daniel Dario Delphine Dmitri Dolores Edgar Edith Elena "
    "Elif Emil Enzo Esther Fatima Felix Fernanda Fiona Florian Frida Gaspard Gemma Gideon Greta "
    "Gustavo Hana Harriet Hector Helga Henrik Hugo Ida Ignacio Ines Ingrid Isaac Ivo Jasper Jonas "
    "Jorge Josefine Julian Kaito Karin Kasper Keiko Kenji Lars Leila Leon Lidia Linus Lorenzo "
    "Lucia Ludwig Magnus Maia Malik Marco Margit Marisol Matteo Maud Mei Milan Mira Nadia Nico "
    "Nils Noor Olga Omar Orla Oskar Pablo Paloma Petra Pilar Quentin Rafael Rania Rosa Rufus "
    "Sabine Samir Sanna Selma Silvio Sofia Stellan Tamsin Teodor Thea Tobias Ulla Umberto Vera "
    "Viktor Vilma Walter Wanda Xavier Yara Yusuf Zelda Zoltan"
).split() + [
    "José", "Zoë", "Björn", "Åsa", "Søren", "François", "Łukasz", "Ştefan", "Mađa", "Íñigo",
    "Renée", "Jürgen", "Çağla", "Håkon", "Ngọc", "Dvořa", "Agustín", "Héloïse", "Mikuláš",
]

SURNAMES = (
    "Abbott Acosta Albrecht Alvarez Andersen Arnaud Bakker Baptiste Barros Becker Bellamy Berg "
    "Blackwood Bonnet Brandt Calloway Carvalho Castell Chen Conti Cortez Dahl Delacroix Dekker "
    "Dominguez Drake Duval Eklund Engel Espinoza Falk Farrow Ferreira Fischer Fontaine Fuentes "
    "Galloway Garnier Gallo Greco Gruber Haas Halvorsen Hartmann Hayes Hidalgo Holm Hoffman Ibarra "
    "Iversen Jansen Jovanovic Kaplan Keller Kimura Koch Kovac Lambert Larsen Laurent Lindqvist "
    "Lombardi Lund Maddox Marchetti Marsh Meyer Molina Moretti Navarro Nielsen Novak Oakley "
    "Okafor Olsen Ortega Pacheco Paredes Pereira Petrov Quinn Ramos Reyes Richter Rios Rossi "
    "Salazar Santos Schultz Serrano Silva Sorensen Stein Strand Tanaka Tavares Thorne Torres "
    "Ueda Valente Vance Varga Vega Vidal Vogel Wagner Walsh Weber Wolff Yamada Yilmaz Zamora Zeller"
).split() + [
    "Müller", "García", "Østergaard", "Dvořák", "Ibáñez", "Łaski", "Şahin", "Kühn", "Nuñez",
    "Sjöberg", "Björnsdóttir", "Aalto-Kärkkäinen", "O'Connell", "D'Amico", "Nguyễn", "Gonçalves",
    "Jiménez", "Fernández", "Håland", "Crnković",
]

CYRILLIC_NAMES = (
    "Ольга Сергей Наталья Дмитрий Анна Павел Мария Григорий Вера Михаил".split(),
    "Петрова Соколов Иванова Кузнецов Смирнова Орлов Белова Волков Лебедева Морозов".split(),
)

JAPANESE_NAMES = (
    "佐藤 鈴木 高橋 田中 渡辺 伊藤 山本 中村 小林 加藤".split(),
    "健一 直子 裕子 大輔 美咲 翔太 花子 修 恵 亮".split(),
)

ADJECTIVES = (
    "Amber Ancient Arctic Ashen Atomic Azure Bitter Black Blazing Blue Bright Broken Brutal "
    "Burning Candid Cardinal Celestial Chrome Cinder Cobalt Cold Copper Cosmic Crimson Crooked "
    "Crystal Dark Dead Deep Desert Distant Drowned Dusty Early Eastern Electric Electrified "
    "Emerald Empty Endless Eternal Faded Fallen False Feral Fever Final Flat Floating Foggy "
    "Forgotten Frozen Gentle Ghost Gilded Glass Golden Gravel Grey Hallowed Hazy Heavy Hidden "
    "Hollow Honest Humble Hungry Idle Indigo Infinite Iron Ivory Jade Lazy Liquid Lonely Lost "
    "Loud Lucid Lunar Magnetic Marble Melted Midnight Mild Mirrored Misty Molten Muted Naked "
    "Narrow Neon Nervous Nocturnal Northern Obscure Olive Opal Orange Pale Paper Phantom Plastic "
    "Polar Primal Purple Quiet Radiant Rapid Restless Rising Rusty Sacred Saffron Savage Scarlet "
    "Secret Severed Shallow Shining Silent Silver Sleepy Slow Solar Solid Sonic Southern Static "
    "Steel Stone Strange Sudden Sunken Sweet Tangled Tender Thin Timber Tired Topaz Toxic Twin "
    "Velvet Violet Wandering Wasted Western Wicked Wild Wooden Yellow Young"
).split()

NOUNS = (
    "Acres Alibis Anchors Angels Antlers Arrows Ashes Atlas Avalanche Badgers Balloons Bandits "
    "Bells Birds Blades Bones Boots Bridges Brothers Cables Canyons Captains Cathedrals Cats "
    "Chains Chapels Choir Circles Cities Clouds Comets Crows Crowns Daggers Daisies Dancers "
    "Deserts Diamonds Doves Dragons Dreams Drums Dunes Eagles Echoes Embers Engines Estates "
    "Falcons Feathers Fields Flames Flowers Foxes Frogs Gardens Geysers Ghosts Giants Glaciers "
    "Harbors Hawks Hearts Hills Hornets Horses Hounds Islands Jackals Jewels Kings Kites Lakes "
    "Lanterns Leaves Lions Lovers Machines Magnets Mansions Mirrors Monks Moons Moths Mountains "
    "Needles Nomads Oceans Orbits Orchards Owls Palaces Panthers Parade Pilots Pines Planets "
    "Prophets Pyramids Queens Rabbits Rivers Robots Rockets Roses Ruins Sailors Saints Satellites "
    "Savages Serpents Shadows Sharks Signals Sirens Skulls Sparrows Spiders Stars Storms Strangers "
    "Suns Swans Temples Thieves Thorns Tigers Towers Trains Tribes Tulips Valleys Vandals Vipers "
    "Voices Waves Whales Wheels Witches Wolves Wires Wizards Zebras"
).split()

ENSEMBLES = (
    "Trio", "Quartet", "Quintet", "Orchestra", "Ensemble", "Collective", "Sound System", "Band",
    "Experience", "Project", "Big Band", "Group", "Allstars", "Sextet", "Choir", "Revue",
)

TITLE_WORDS = (
    "After Again Air Alone Always Among Angel Answer Autumn Away Baby Back Ballad Beautiful "
    "Before Believe Between Beyond Big Bird Black Blood Blue Body Boogie Born Boy Breathe "
    "Bright Broken Burn Call Can't Carry Change City Closer Cold Come Control Cry Dance Dark "
    "Day Days Dead Deep Desire Devil Down Dream Drive Drop Dust Easy Echo Edge Electric Empty "
    "End Every Eyes Face Fade Fall Feel Fever Fire Float Forever Free Friend Funk Game Ghost "
    "Girl Give Glory Gold Gone Good Gravity Groove Half Hands Happy Heart Heat Heaven High Home "
    "Hope Hour House Hunger Ice Inside Island Journey Jump Just Keep Kiss Lady Last Late Leave "
    "Life Light Little Live Long Lost Love Machine Magic Midnight Mind Mirror Money Moon Morning "
    "Motion Move Night Nothing Ocean Only Open Paradise Party People Pressure Rain Red Rhythm "
    "Ride River Road Rock Run Sad Satellite Say Sea Secret Shadow Shake Shine Signal Silence "
    "Sister Sky Sleep Slow Soul Sound Space Spirit Star Stay Stone Storm Street Summer Sun "
    "Sweet Take Tears Tell Time Tonight Touch Train True Truth Turn Under Wait Walk War Water "
    "Wave Way Wild Wind Winter Woman World Wrong Yesterday Young"
).split() + [
    "Café", "Señorita", "Über", "Naïve", "Déjà Vu", "Smörgåsbord", "Fiesta", "Mañana",
    "Ночь", "Звезда", "夜明け", "東京", "Rock & Roll", "Salt & Pepper", "<Untitled>",
]

TITLE_TEMPLATES = (
    "{a}", "{a} {b}", "The {a} {b}", "{a} Of {b}", "{a} & {b}", "{a} In The {b}", "{a} {b} {c}",
    "{a}, {b}", "{a}!", "{a} ({b} Mix)", "{a} {b} EP", "{a} Vol. {n}", "No {a} Without {b}",
    "{a} {b} ({c} Version)", "Live At The {a} {b}", "{a} / {b}", "{a} {n}", "Songs For {a}",
)

LABEL_SUFFIXES = (
    "Records", "Records", "Records", "Recordings", "Music", "Sounds", "Tonträger", "Disques",
    "Label", "Productions", "Schallplatten", "Discos", "Audio", "Editions", "Industries", "Tapes",
)

GENRE_STYLES = {
    "Electronic": ("House", "Techno", "Ambient", "IDM", "Downtempo", "Deep House", "Drum n Bass",
                   "Synth-pop", "Electro", "Trance"),
    "Rock": ("Indie Rock", "Alternative Rock", "Post-Punk", "Shoegaze", "Psychedelic Rock",
             "Garage Rock", "Punk", "Hard Rock", "Noise", "Lo-Fi"),
    "Jazz": ("Hard Bop", "Free Jazz", "Modal", "Cool Jazz", "Fusion", "Big Band", "Bop"),
    "Hip Hop": ("Boom Bap", "Conscious", "Instrumental", "Trip Hop", "Jazzy Hip-Hop"),
    "Funk / Soul": ("Soul", "Funk", "Disco", "Rhythm & Blues", "Neo Soul"),
    "Pop": ("Indie Pop", "Ballad", "Europop", "J-pop", "Chanson"),
    "Folk, World, & Country": ("Folk", "Country", "Afrobeat", "Bossa Nova", "Cumbia", "Highlife"),
    "Classical": ("Contemporary", "Baroque", "Romantic", "Modern"),
    "Reggae": ("Dub", "Roots Reggae", "Dancehall", "Rocksteady"),
    "Latin": ("Salsa", "Samba", "MPB", "Son"),
    "Blues": ("Delta Blues", "Chicago Blues", "Electric Blues"),
    "Stage & Screen": ("Soundtrack", "Score", "Musical"),
}

ROLES = (
    "Producer", "Producer", "Mixed By", "Engineer", "Mastered By", "Written-By", "Written-By",
    "Bass", "Drums", "Guitar", "Vocals", "Keyboards", "Photography By", "Design",
    "Artwork", "Liner Notes", "Recorded By", "Lacquer Cut By", "Co-producer", "Remix",
    "Producer [Additional]", "Bass, Vocals", "Guitar [Electric], Backing Vocals", "Strings",
    "Saxophone [Tenor]", "Arranged By", "Performer", "Executive-Producer",
)

COUNTRIES = (
    ("US", 26), ("UK", 14), ("Germany", 10), ("Europe", 8), ("France", 5), ("Japan", 6),
    ("Netherlands", 4), ("Italy", 4), ("Canada", 3), ("Spain", 2), ("Sweden", 2),
    ("Australia", 2), ("Brazil", 2), ("Russia", 1), ("Belgium", 1), ("Poland", 1),
    ("Mexico", 1), ("USA & Canada", 1), ("UK & Europe", 2), ("Worldwide", 1),
    ("Côte d'Ivoire", 1), ("Czech Republic", 1), ("Unknown", 1),
)

DATA_QUALITY = (
    "Correct", "Correct", "Needs Vote", "Needs Vote", "Needs Vote", "Complete and Correct",
    "Needs Minor Changes", "Needs Major Changes", "Entirely Incorrect",
)

COMPANY_TYPES = (
    (13, "Phonographic Copyright (p)"), (14, "Copyright (c)"), (17, "Pressed By"),
    (23, "Recorded At"), (24, "Mixed At"), (29, "Mastered At"), (30, "Lacquer Cut At"),
    (10, "Distributed By"), (9, "Marketed By"), (21, "Published By"), (19, "Designed At"),
)

COMPANY_NAMES = (
    "Abbey Road Studios", "Optimal Media GmbH", "Sterling Sound", "Record Industry",
    "Pallas", "GZ Media", "Metropolis Studios", "Electric Lady Studios", "Sony DADC",
    "Universal Music Group", "The Exchange", "Dubplates & Mastering", "Hansa Tonstudio",
    "Studio Ferber", "Sun Studio", "Rudy Van Gelder Studio", "Optimal Media Production",
    "Record Technology Incorporated", "Warner Chappell Music", "Alien Studios",
)

NOTE_LINES = (
    "Recorded live in one take.",
    "Limited to 500 copies.\nHand-numbered sleeve.",
    "Made in the EU.",
    "Comes in a gatefold sleeve with printed inner.",
    "Track B2 is a hidden track.\tNot listed on the sleeve.",
    "All songs written & produced by the artist.",
    "℗ & © 1998 The copyright owner.",
    "Includes download code.\r\nRemastered from the original tapes.",
    "Sleeve states \"Stereo\"; labels state \"Mono\".",
    "Tracks 1–4 recorded at Studio 3, 5–8 at home.\n\nDedicated to the memory of a friend.",
    "Catalog number on spine is <missing>.",
    "Mastered at 33 ⅓ RPM; plays at 45.",
)
