/**
 * The small built-in word lists behind entity suggestions: sovereign states with their
 * short forms and demonyms, a few places and organisations that news about conflict and
 * diplomacy names often and that the tagger does not know (nuclear sites, air bases,
 * seats of government used for the government itself), and the cue words that classify a
 * capitalised name by its head (titles, organisation heads, facility heads, vessel
 * prefixes). Lists, not logic: `ner.ts` decides how they are used. Everything here is
 * matched case-sensitively as written, because capitalisation is most of what separates
 * "US" from "us" and "China" from "china".
 */

/** A state in the gazetteer: its canonical name, other names, and adjective forms. */
export interface StateEntry {
  /** Canonical name; its lower case is the suggestion key ("united states"). */
  name: string
  /** Other names and short forms suggested as the same state ("U.S.", "America"). */
  aliases: string[]
  /** Adjective and people forms ("American"): recognised, never suggested on their own. */
  demonyms: string[]
}

// Canonical|aliases;…|demonyms;… — one state a line. Kept as text so that the list stays
// readable and cheap to parse; aliases that are ordinary words in lower case are safe
// because matching is case-sensitive.
const STATE_TABLE = `
Afghanistan||Afghan;Afghans
Albania||Albanian;Albanians
Algeria||Algerian;Algerians
Andorra||Andorran
Angola||Angolan;Angolans
Argentina||Argentine;Argentinian;Argentinians
Armenia||Armenian;Armenians
Australia||Australian;Australians
Austria||Austrian;Austrians
Azerbaijan||Azerbaijani;Azerbaijanis;Azeri;Azeris
Bahrain||Bahraini;Bahrainis
Bangladesh||Bangladeshi;Bangladeshis
Belarus||Belarusian;Belarusians
Belgium||Belgian;Belgians
Benin||Beninese
Bhutan||Bhutanese
Bolivia||Bolivian;Bolivians
Bosnia and Herzegovina|Bosnia|Bosnian;Bosnians
Botswana||Motswana
Brazil||Brazilian;Brazilians
Brunei||Bruneian
Bulgaria||Bulgarian;Bulgarians
Burkina Faso||Burkinabe
Burundi||Burundian
Cambodia||Cambodian;Cambodians
Cameroon||Cameroonian;Cameroonians
Canada||Canadian;Canadians
Central African Republic||Central African
Chad||Chadian;Chadians
Chile||Chilean;Chileans
China|People's Republic of China;PRC|Chinese
Colombia||Colombian;Colombians
Costa Rica||Costa Rican
Croatia||Croatian;Croatians;Croat;Croats
Cuba||Cuban;Cubans
Cyprus||Cypriot;Cypriots
Czech Republic|Czechia|Czech;Czechs
Democratic Republic of the Congo|DRC;DR Congo|Congolese
Denmark||Danish;Danes
Djibouti||Djiboutian
Dominican Republic||Dominican;Dominicans
Ecuador||Ecuadorian;Ecuadorians
Egypt||Egyptian;Egyptians
El Salvador||Salvadoran;Salvadorans
Eritrea||Eritrean;Eritreans
Estonia||Estonian;Estonians
Ethiopia||Ethiopian;Ethiopians
Finland||Finnish;Finns
France||French
Gabon||Gabonese
Georgia||Georgian;Georgians
Germany||German;Germans
Ghana||Ghanaian;Ghanaians
Greece||Greek;Greeks
Guatemala||Guatemalan;Guatemalans
Haiti||Haitian;Haitians
Honduras||Honduran;Hondurans
Hungary||Hungarian;Hungarians
Iceland||Icelandic;Icelanders
India||Indian;Indians
Indonesia||Indonesian;Indonesians
Iran|Islamic Republic of Iran|Iranian;Iranians;Persian
Iraq||Iraqi;Iraqis
Ireland|Republic of Ireland|Irish
Israel||Israeli;Israelis
Italy||Italian;Italians
Ivory Coast|Côte d'Ivoire|Ivorian;Ivorians
Jamaica||Jamaican;Jamaicans
Japan||Japanese
Jordan||Jordanian;Jordanians
Kazakhstan||Kazakh;Kazakhs;Kazakhstani
Kenya||Kenyan;Kenyans
Kosovo||Kosovar;Kosovars
Kuwait||Kuwaiti;Kuwaitis
Kyrgyzstan||Kyrgyz
Laos||Lao;Laotian
Latvia||Latvian;Latvians
Lebanon||Lebanese
Libya||Libyan;Libyans
Liechtenstein||Liechtensteiner
Lithuania||Lithuanian;Lithuanians
Luxembourg||Luxembourgish
Madagascar||Malagasy
Malawi||Malawian;Malawians
Malaysia||Malaysian;Malaysians
Mali||Malian;Malians
Malta||Maltese
Mauritania||Mauritanian;Mauritanians
Mexico||Mexican;Mexicans
Moldova||Moldovan;Moldovans
Monaco||Monegasque
Mongolia||Mongolian;Mongolians
Montenegro||Montenegrin;Montenegrins
Morocco||Moroccan;Moroccans
Mozambique||Mozambican;Mozambicans
Myanmar|Burma|Burmese
Namibia||Namibian;Namibians
Nepal||Nepali;Nepalese
Netherlands|Holland|Dutch
New Zealand||New Zealander;New Zealanders
Nicaragua||Nicaraguan;Nicaraguans
Niger||Nigerien;Nigeriens
Nigeria||Nigerian;Nigerians
North Korea|DPRK;Democratic People's Republic of Korea|North Korean;North Koreans
North Macedonia|Macedonia|Macedonian;Macedonians
Norway||Norwegian;Norwegians
Oman||Omani;Omanis
Pakistan||Pakistani;Pakistanis
Palestine|State of Palestine|Palestinian;Palestinians
Panama||Panamanian;Panamanians
Paraguay||Paraguayan;Paraguayans
Peru||Peruvian;Peruvians
Philippines||Filipino;Filipinos;Philippine
Poland||Polish;Poles
Portugal||Portuguese
Qatar||Qatari;Qataris
Romania||Romanian;Romanians
Russia|Russian Federation|Russian;Russians
Rwanda||Rwandan;Rwandans
Saudi Arabia||Saudi;Saudis
Senegal||Senegalese
Serbia||Serbian;Serbians;Serb;Serbs
Singapore||Singaporean;Singaporeans
Slovakia||Slovak;Slovaks;Slovakian
Slovenia||Slovenian;Slovenians;Slovene;Slovenes
Somalia||Somali;Somalis
South Africa||South African;South Africans
South Korea|Republic of Korea;ROK|South Korean;South Koreans
South Sudan||South Sudanese
Spain||Spanish;Spaniards
Sri Lanka||Sri Lankan;Sri Lankans
Sudan||Sudanese
Sweden||Swedish;Swedes
Switzerland||Swiss
Syria||Syrian;Syrians
Taiwan|Republic of China|Taiwanese
Tajikistan||Tajik;Tajiks
Tanzania||Tanzanian;Tanzanians
Thailand||Thai;Thais
Tunisia||Tunisian;Tunisians
Turkey|Türkiye|Turkish;Turks
Turkmenistan||Turkmen
Uganda||Ugandan;Ugandans
Ukraine||Ukrainian;Ukrainians
United Arab Emirates|UAE;U.A.E.;Emirates|Emirati;Emiratis
United Kingdom|UK;U.K.;Britain;Great Britain|British;Briton;Britons
United States|United States of America;U.S.;U.S.A.;USA;US;America|American;Americans
Uruguay||Uruguayan;Uruguayans
Uzbekistan||Uzbek;Uzbeks
Vatican|Holy See;Vatican City|
Venezuela||Venezuelan;Venezuelans
Vietnam|Viet Nam|Vietnamese
Yemen||Yemeni;Yemenis
Zambia||Zambian;Zambians
Zimbabwe||Zimbabwean;Zimbabweans
`

function parseStates(table: string): StateEntry[] {
  return table
    .trim()
    .split('\n')
    .map((line) => {
      const [name = '', aliases = '', demonyms = ''] = line.split('|')
      const list = (s: string): string[] => s.split(';').filter(Boolean)
      return { name, aliases: list(aliases), demonyms: list(demonyms) }
    })
}

/** Every state the gazetteer knows. */
export const STATES: readonly StateEntry[] = parseStates(STATE_TABLE)

/** A named place or organisation the gazetteer knows, with the key its mentions share. */
export interface NamedEntry {
  kind: 'location' | 'organisation'
  /** Canonical name (the form itself unless this is a short form); its lower case is the key. */
  name: string
  /** Why it is what it is, shown to the analyst. */
  note: string
}

// Places the tagger does not know, or knows under the wrong kind. Cities that stand for a
// government ("Tehran said") stay locations: the analyst decides on the metonymy.
const PLACE_TABLE: [string, string, string?][] = [
  ['Middle East', 'region'],
  ['Near East', 'region'],
  ['Persian Gulf', 'sea'],
  ['Gulf of Oman', 'sea'],
  ['Strait of Hormuz', 'strait'],
  ['Red Sea', 'sea'],
  ['Black Sea', 'sea'],
  ['Caspian Sea', 'sea'],
  ['Mediterranean', 'sea'],
  ['Baltic', 'sea'],
  ['South China Sea', 'sea'],
  ['Taiwan Strait', 'strait'],
  ['Horn of Africa', 'region'],
  ['Sahel', 'region'],
  ['Balkans', 'region'],
  ['Caucasus', 'region'],
  ['Central Asia', 'region'],
  ['Latin America', 'region'],
  ['Western Europe', 'region'],
  ['Eastern Europe', 'region'],
  ['Europe', 'continent'],
  ['Asia', 'continent'],
  ['Africa', 'continent'],
  ['North America', 'continent'],
  ['South America', 'continent'],
  ['Central America', 'region'],
  ['Southeast Asia', 'region'],
  ['South Asia', 'region'],
  ['Scandinavia', 'region'],
  ['Caribbean', 'region'],
  ['West Indies', 'region (Caribbean islands)'],
  ['West Bank', 'territory'],
  ['Gaza', 'territory'],
  ['Gaza Strip', 'territory', 'Gaza'],
  ['Golan Heights', 'territory'],
  ['Crimea', 'region'],
  ['Donbas', 'region'],
  ['Kurdistan', 'region'],
  ['Tehran', 'city, capital of Iran'],
  ['Moscow', 'city, capital of Russia'],
  ['Washington', 'city, capital of the United States'],
  ['Washington, D.C.', 'city, capital of the United States', 'Washington'],
  ['Washington DC', 'city, capital of the United States', 'Washington'],
  ['Doha', 'city, capital of Qatar'],
  ['Kyiv', 'city, capital of Ukraine'],
  ['Kiev', 'city, capital of Ukraine', 'Kyiv'],
  ['Beijing', 'city, capital of China'],
  ['Jerusalem', 'city'],
  ['Tel Aviv', 'city'],
  ['Baghdad', 'city, capital of Iraq'],
  ['Damascus', 'city, capital of Syria'],
  ['Beirut', 'city, capital of Lebanon'],
  ['Riyadh', 'city, capital of Saudi Arabia'],
  ['Abu Dhabi', 'city, capital of the United Arab Emirates'],
  ['Dubai', 'city'],
  ['Ankara', 'city, capital of Turkey'],
  ['Istanbul', 'city'],
  ['Cairo', 'city, capital of Egypt'],
  ['Brussels', 'city, seat of EU institutions'],
  ['Geneva', 'city'],
  ['Vienna', 'city, capital of Austria'],
  ['London', 'city, capital of the United Kingdom'],
  ['Paris', 'city, capital of France'],
  ['Berlin', 'city, capital of Germany'],
  ['Isfahan', 'city, Iranian nuclear site'],
  ['Fordow', 'Iranian nuclear site'],
  ['Fordo', 'Iranian nuclear site', 'Fordow'],
  ['Natanz', 'Iranian nuclear site'],
  ['Bushehr', 'Iranian nuclear site'],
  ['Arak', 'Iranian nuclear site'],
  ['Parchin', 'Iranian military site'],
  ['Al Udeid Air Base', 'US air base in Qatar'],
  ['Al Udeid', 'US air base in Qatar', 'Al Udeid Air Base'],
  ['Ain al-Asad', 'air base in Iraq'],
  ['Diego Garcia', 'military base'],
  ['Guantanamo Bay', 'military base'],
]

// Organisations, including seats of government named for the institution in them ("the
// Pentagon confirmed"): analysts tag these as the organisation, not as a building.
const ORG_TABLE: [string, string, string?][] = [
  ['Pentagon', 'US Department of Defense'],
  ['White House', 'US presidency'],
  ['Kremlin', 'Russian presidency'],
  ['Downing Street', 'UK prime minister’s office'],
  ['Élysée', 'French presidency'],
  ['Elysee', 'French presidency', 'Élysée'],
  ['Knesset', 'Israeli parliament'],
  ['Majlis', 'Iranian parliament'],
  ['Congress', 'US legislature'],
  ['State Department', 'US foreign ministry'],
  ['Foreign Office', 'UK foreign ministry'],
  ['United Nations', 'international organisation'],
  ['UN', 'United Nations', 'United Nations'],
  ['U.N.', 'United Nations', 'United Nations'],
  ['Security Council', 'UN Security Council'],
  ['UN Security Council', 'UN Security Council', 'Security Council'],
  ['NATO', 'alliance'],
  ['Nato', 'alliance', 'NATO'],
  ['European Union', 'international organisation'],
  ['EU', 'European Union', 'European Union'],
  ['E.U.', 'European Union', 'European Union'],
  ['African Union', 'international organisation'],
  ['Arab League', 'international organisation'],
  ['ASEAN', 'international organisation'],
  ['G7', 'group of states'],
  ['G20', 'group of states'],
  ['OPEC', 'international organisation'],
  ['IAEA', 'International Atomic Energy Agency', 'International Atomic Energy Agency'],
  ['International Atomic Energy Agency', 'international organisation'],
  ['ICC', 'International Criminal Court', 'International Criminal Court'],
  ['IMF', 'International Monetary Fund', 'International Monetary Fund'],
  ['World Bank', 'international organisation'],
  ['World Health Organization', 'UN agency'],
  ['Red Cross', 'humanitarian organisation'],
  ['Reuters', 'news agency'],
  ['Associated Press', 'news agency'],
  ['AFP', 'Agence France-Presse'],
  ['Agence France-Presse', 'news agency'],
  ['Bloomberg', 'news agency'],
  ['BBC', 'broadcaster'],
  ['CNN', 'broadcaster'],
  ['Al Jazeera', 'broadcaster'],
  ['TASS', 'Russian news agency'],
  ['IRNA', 'Iranian news agency'],
  ['Xinhua', 'Chinese news agency'],
  ['Hamas', 'armed group'],
  ['Hezbollah', 'armed group'],
  ['Houthis', 'armed group'],
  ['Taliban', 'armed group'],
  ['Islamic State', 'armed group'],
  ['ISIS', 'armed group', 'Islamic State'],
  ['IRGC', 'Islamic Revolutionary Guard Corps', 'Islamic Revolutionary Guard Corps'],
  [
    'Revolutionary Guards',
    'Islamic Revolutionary Guard Corps',
    'Islamic Revolutionary Guard Corps',
  ],
  ['CIA', 'US intelligence agency'],
  ['FBI', 'US federal police'],
  ['Mossad', 'Israeli intelligence agency'],
  ['FSB', 'Russian security service'],
]

/** Named places and organisations, by exact surface form. */
export const NAMED: ReadonlyMap<string, NamedEntry> = new Map([
  ...PLACE_TABLE.map(([form, note, name]): [string, NamedEntry] => [
    form,
    { kind: 'location', name: name ?? form, note },
  ]),
  ...ORG_TABLE.map(([form, note, name]): [string, NamedEntry] => [
    form,
    { kind: 'organisation', name: name ?? form, note },
  ]),
])

// Words that name a role, not a person: stripped from the front of a name ("President
// Vladimir Putin" → "Vladimir Putin") and never suggested alone.
export const TITLE_WORDS: ReadonlySet<string> = new Set([
  'President',
  'Vice',
  'Prime',
  'Minister',
  'Ministers',
  'Deputy',
  'Foreign',
  'Interior',
  'Defence',
  'Defense',
  'Finance',
  'Justice',
  'Trade',
  'Secretary',
  'Secretary-General',
  'State',
  'General',
  'Attorney',
  'Ambassador',
  'Envoy',
  'Special',
  'Ayatollah',
  'Supreme',
  'Leader',
  'King',
  'Queen',
  'Prince',
  'Princess',
  'Crown',
  'Emir',
  'Sheikh',
  'Sultan',
  'Chancellor',
  'Governor',
  'Mayor',
  'Senator',
  'Sen.',
  'Sen',
  'Rep.',
  'Rep',
  'Representative',
  'Congressman',
  'Congresswoman',
  'Speaker',
  'Chairman',
  'Chairwoman',
  'Chair',
  'Chief',
  'Executive',
  'Director',
  'Commander',
  'Colonel',
  'Col.',
  'Col',
  'Lieutenant',
  'Lt.',
  'Lt',
  'Major',
  'Maj.',
  'Maj',
  'Captain',
  'Capt.',
  'Capt',
  'Admiral',
  'Adm.',
  'Adm',
  'Gen.',
  'Gen',
  'Sergeant',
  'Spokesman',
  'Spokeswoman',
  'Spokesperson',
  'Judge',
  'Pope',
  'Cardinal',
  'Bishop',
  'Archbishop',
  'Rev.',
  'Rev',
  'Reverend',
  'Imam',
  'Rabbi',
  'Dr',
  'Dr.',
  'Mr',
  'Mr.',
  'Mrs',
  'Mrs.',
  'Ms',
  'Ms.',
  'Miss',
  'Sir',
  'Dame',
  'Lord',
  'Lady',
  'H.E.',
  'Acting',
  'Permanent',
  'Under',
  'Assistant',
  'High',
  'Former',
  'Interim',
  'Presenter',
  'Reporter',
  'Editor',
  'Correspondent',
  'Professor',
  'Prof.',
  'Prof',
])

/** Ministerial portfolios after "Minister of" / "Ministry of": part of the title or name. */
export const PORTFOLIO_WORDS: ReadonlySet<string> = new Set([
  'Foreign',
  'Affairs',
  'Interior',
  'Home',
  'Defence',
  'Defense',
  'Finance',
  'Justice',
  'Trade',
  'Industry',
  'Economy',
  'Health',
  'Education',
  'Energy',
  'Transport',
  'Agriculture',
  'Culture',
  'Labour',
  'Labor',
  'Intelligence',
  'Security',
  'State',
  'Internal',
  'External',
  'Economic',
  'Development',
  'Commerce',
  'the',
  'and',
])

// The last word of an organisation's name ("Saltmere Port Authority"), or its first word
// when followed by "of" ("Ministry of Foreign Affairs", "Consulate General of Dravina").
export const ORG_HEADS: ReadonlySet<string> = new Set([
  'Ministry',
  'Department',
  'Agency',
  'Authority',
  'Authorities',
  'Service',
  'Services',
  'Union',
  'Council',
  'Committee',
  'Commission',
  'Court',
  'Parliament',
  'Assembly',
  'Party',
  'Army',
  'Navy',
  'Forces',
  'Guard',
  'Guards',
  'Corps',
  'Police',
  'Bank',
  'Company',
  'Corporation',
  'Corp',
  'Corp.',
  'Inc',
  'Inc.',
  'Ltd',
  'Ltd.',
  'Group',
  'Lines',
  'Airlines',
  'Airways',
  'Shipping',
  'Press',
  'Radio',
  'Television',
  'TV',
  'News',
  'Times',
  'Post',
  'Courier',
  'Herald',
  'Journal',
  'Gazette',
  'Tribune',
  'Institute',
  'University',
  'College',
  'Hospital',
  'Foundation',
  'Fund',
  'Organisation',
  'Organization',
  'Association',
  'Alliance',
  'League',
  'Coalition',
  'Front',
  'Movement',
  'Fleet',
  'Brigade',
  'Brigades',
  'Battalion',
  'Regiment',
  'Office',
  'Bureau',
  'Secretariat',
  'Cabinet',
  'Senate',
  'Congress',
  'Consulate',
  'Embassy',
  'Mission',
  'Exchange',
  'Board',
  'Directorate',
  'Administration',
  'Government',
  'Federation',
  'Club',
  'Church',
  'Network',
])

// Heads that make a capitalised name a place: the last word ("Al Udeid Air Base", "Quay
// Road"), or the first when followed by "of" ("Port of Saltmere", "Strait of Hormuz").
export const PLACE_HEADS: ReadonlySet<string> = new Set([
  'Base',
  'Airbase',
  'Airport',
  'Airfield',
  'Port',
  'Harbour',
  'Harbor',
  'Street',
  'St',
  'Road',
  'Rd',
  'Avenue',
  'Ave',
  'Boulevard',
  'Lane',
  'Square',
  'Bridge',
  'Station',
  'Strait',
  'Sea',
  'Gulf',
  'Bay',
  'River',
  'Mountains',
  'Mountain',
  'Valley',
  'Province',
  'Region',
  'District',
  'County',
  'Island',
  'Islands',
  'Peninsula',
  'Plant',
  'Facility',
  'Reactor',
  'Dam',
  'Canal',
  'Quay',
  'Pier',
  'Wharf',
  'Camp',
  'Crossing',
  'Park',
  'Heights',
  'Coast',
  'Border',
  'City',
])

/** Heads that take an identifier after them: "Terminal 4", "Gate B", "berth 4B". */
export const NUMBERED_PLACE_HEADS: ReadonlySet<string> = new Set([
  'terminal',
  'berth',
  'pier',
  'gate',
  'hangar',
  'dock',
  'platform',
  'runway',
  'checkpoint',
])

/** Words before a vessel's name: "MV Aurel Star", "the cargo ship Aurel Star". */
export const VESSEL_PREFIXES: ReadonlySet<string> = new Set([
  'MV',
  'M/V',
  'MS',
  'MT',
  'SS',
  'RMS',
  'HMS',
  'USS',
  'INS',
])
export const VESSEL_NOUNS: ReadonlySet<string> = new Set([
  'ship',
  'vessel',
  'tanker',
  'freighter',
  'ferry',
  'frigate',
  'destroyer',
  'carrier',
  'submarine',
  'boat',
  'yacht',
])

/** Last words of treaties and other named instruments, suggested as "other". */
export const INSTRUMENT_HEADS: ReadonlySet<string> = new Set([
  'Convention',
  'Treaty',
  'Accord',
  'Accords',
  'Agreement',
  'Protocol',
  'Charter',
  'Declaration',
  'Resolution',
])

/** Words after "X’s" that show X is a state: "Velmora’s ambassador", "Iran’s foreign minister". */
export const STATE_ROLE_NOUNS: ReadonlySet<string> = new Set([
  'ambassador',
  'ambassadors',
  'embassy',
  'government',
  'president',
  'prime',
  'foreign',
  'interior',
  'defence',
  'defense',
  'military',
  'army',
  'navy',
  'armed',
  'parliament',
  'envoy',
  'leadership',
  'leader',
  'supreme',
  'second-largest',
  'largest',
  'trading',
  'citizens',
  'sovereignty',
  'territory',
  'airspace',
  'nuclear',
  'missile',
  'line',
])

/** Capitalised words that start a clause but never start a name. */
export const FUNCTION_CAPS: ReadonlySet<string> = new Set([
  'The',
  'A',
  'An',
  'This',
  'That',
  'These',
  'Those',
  'Its',
  'His',
  'Her',
  'Their',
  'Our',
  'My',
  'Your',
  'Some',
  'Any',
  'All',
  'Both',
  'Each',
  'Every',
  'No',
  'Several',
  'Many',
  'Most',
])

/** Adjectives of region or bloc that are capitalised but are not names ("Western concerns"). */
export const REGION_ADJECTIVES: ReadonlySet<string> = new Set([
  'Western',
  'Eastern',
  'Northern',
  'Southern',
  'European',
  'Arab',
  'African',
  'Asian',
  'Middle Eastern',
  'Gulf',
  'Latin',
  'Nordic',
  'Baltic',
  'Islamic',
  'Muslim',
  'Christian',
  'Jewish',
  'Shia',
  'Shiite',
  'Sunni',
  'Kurdish',
  'English',
])

/** Role nouns next to a name in apposition: "its spokesman, Nils Aaberg," "Rosa Feld, general secretary". */
export const ROLE_NOUNS: ReadonlySet<string> = new Set([
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'minister',
  'executive',
  'ambassador',
  'counterpart',
  'secretary',
  'mayor',
  'president',
  'director',
  'presenter',
  'reporter',
  'envoy',
  'official',
  'leader',
  'chief',
  'editor',
  'chairman',
  'chairwoman',
  'head',
  'commander',
  'governor',
  'deputy',
  'adviser',
  'advisor',
  'lawyer',
  'correspondent',
  'founder',
  'manager',
  'officer',
  'diplomat',
  'general',
])

/** Reporting verbs after (or before) a person's name: "Kell said", "said Kell". */
export const SPEECH_VERBS: ReadonlySet<string> = new Set([
  'said',
  'says',
  'told',
  'added',
  'stated',
  'noted',
  'wrote',
  'argued',
  'insisted',
  'warned',
  'confirmed',
  'denied',
  'announced',
  'declined',
])

/** Lower-case nouns before "of X" that make X a state: "the foreign ministers of Velmora". */
export const STATE_OF_NOUNS: ReadonlySet<string> = new Set([
  'ministers',
  'minister',
  'government',
  'governments',
  'president',
  'people',
  'citizens',
  'embassy',
  'ambassador',
  'republic',
  'kingdom',
  'sovereignty',
])

/** Lower-case nouns before "of X" that make X a place: "the port of Saltmere". */
export const PLACE_OF_NOUNS: ReadonlySet<string> = new Set([
  'port',
  'city',
  'town',
  'village',
  'capital',
  'province',
  'region',
  'district',
  'outskirts',
  'centre',
  'center',
  'suburb',
  'suburbs',
  'streets',
])

/** Prepositions before a name that make a place likely: "in Corvel", "from Saltmere". */
export const PLACE_PREPOSITIONS: ReadonlySet<string> = new Set([
  'in',
  'at',
  'near',
  'outside',
  'across',
  'from',
  'into',
  'toward',
  'towards',
  'around',
  'via',
  'inside',
  'throughout',
])

/** The last word of a newspaper or broadcaster, which may stand alone: "The Courier reported". */
export const MEDIA_HEADS: ReadonlySet<string> = new Set([
  'Courier',
  'Times',
  'Post',
  'Herald',
  'Journal',
  'Gazette',
  'Tribune',
  'Guardian',
  'Telegraph',
])
