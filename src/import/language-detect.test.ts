import { describe, expect, it } from 'vitest'
import { detectLanguage, forEachWord, isRightToLeft } from './language-detect'

// [expected, text]: at least five rows per language, then mixed and short texts that must
// stay unknown rather than be guessed.
const ROWS: [string | undefined, string][] = [
  [
    'en',
    'Iran fired missiles at a US base in Qatar on Monday, hours after its foreign minister met the Russian president.',
  ],
  [
    'en',
    'The ministry said that the strikes were carried out by drones and that nobody was hurt in the attack.',
  ],
  [
    'en',
    'According to the report, the talks in Doha have stalled and the delegations have left the city.',
  ],
  [
    'en',
    'It is the third time this year that the agency has warned of a shortage of fuel in the region.',
  ],
  [
    'en',
    'Officials from both sides met in Moscow to discuss the terms of a ceasefire, which was rejected later.',
  ],
  [
    'en',
    'Russia said on Friday it would send more troops to the border, a move that alarmed its neighbours.',
  ],
  [
    'fr',
    "L'Iran a tiré des missiles sur une base américaine au Qatar, a indiqué le ministère dans un communiqué.",
  ],
  [
    'fr',
    'Le président a rencontré les ministres pour discuter de la situation dans la région et des sanctions.',
  ],
  ['fr', 'Les négociations sont au point mort et les délégations ont quitté la ville sans accord.'],
  [
    'fr',
    "Selon le rapport, il n'y a pas eu de victimes mais les dégâts sont importants dans le port.",
  ],
  [
    'fr',
    'Cette décision a été prise par le gouvernement qui veut éviter une escalade avec ses voisins.',
  ],
  [
    'de',
    'Der Iran hat Raketen auf einen amerikanischen Stützpunkt in Katar abgefeuert, teilte das Ministerium mit.',
  ],
  [
    'de',
    'Die Gespräche in Doha sind ins Stocken geraten und die Delegationen haben die Stadt verlassen.',
  ],
  [
    'de',
    'Das ist nicht das erste Mal, dass die Behörde vor einem Mangel an Treibstoff in der Region warnt.',
  ],
  [
    'de',
    'Der Präsident traf sich mit den Ministern, um über die Lage und die Sanktionen zu sprechen.',
  ],
  [
    'de',
    'Nach dem Bericht wurde niemand verletzt, aber der Schaden im Hafen ist groß, sagte ein Sprecher.',
  ],
  [
    'es',
    'Irán disparó misiles contra una base estadounidense en Catar, según informó el ministerio en un comunicado.',
  ],
  ['es', 'Las negociaciones en Doha se han estancado y las delegaciones han abandonado la ciudad.'],
  [
    'es',
    'El presidente se reunió con los ministros para discutir la situación en la región y las sanciones.',
  ],
  [
    'es',
    'Según el informe, no hubo víctimas pero los daños en el puerto son importantes para la economía.',
  ],
  [
    'es',
    'Es la tercera vez este año que la agencia advierte de una escasez de combustible en la zona.',
  ],
  [
    'ru',
    'Иран выпустил ракеты по американской базе в Катаре, сообщило министерство обороны в понедельник.',
  ],
  [
    'ru',
    'Переговоры в Дохе зашли в тупик, и делегации уже покинули город, не подписав соглашения.',
  ],
  ['ru', 'Президент встретился с министрами, чтобы обсудить положение в регионе и новые санкции.'],
  ['ru', 'По данным доклада, жертв нет, но ущерб в порту был очень большим, сказал представитель.'],
  ['ru', 'Это уже третий раз за год, когда агентство предупреждает о нехватке топлива в области.'],
  [
    'uk',
    'Іран випустив ракети по американській базі в Катарі, повідомило міністерство оборони в понеділок.',
  ],
  [
    'uk',
    'Переговори в Досі зайшли в глухий кут, і делегації вже залишили місто, не підписавши угоди.',
  ],
  ['uk', 'Президент зустрівся з міністрами, щоб обговорити становище в регіоні та нові санкції.'],
  [
    'uk',
    'За даними доповіді, жертв немає, але збитки в порту були дуже великими, сказав представник.',
  ],
  ['uk', 'Це вже втретє за рік, коли агентство попереджає про нестачу пального в області.'],
  [
    'fa',
    'ایران روز دوشنبه به یک پایگاه آمریکا در قطر موشک شلیک کرد و این حمله را پاسخ به حملات اخیر خواند.',
  ],
  [
    'fa',
    'وزیر امور خارجه ایران در مسکو با رئیس جمهور روسیه دیدار کرد و درباره مذاکرات گفت‌وگو کرد.',
  ],
  ['fa', 'مذاکرات در دوحه متوقف شده است و هیئت‌ها شهر را ترک کرده‌اند، به گزارش خبرگزاری.'],
  ['fa', 'به گفته سخنگوی وزارت خارجه، این تصمیم برای جلوگیری از تنش بیشتر در منطقه گرفته شد.'],
  ['fa', 'این سومین بار در سال جاری است که سازمان درباره کمبود سوخت در منطقه هشدار می‌دهد.'],
  ['ar', 'أطلقت إيران صواريخ على قاعدة أمريكية في قطر يوم الاثنين، بحسب ما قالت وزارة الدفاع.'],
  ['ar', 'التقى وزير الخارجية الإيراني بالرئيس الروسي في موسكو لبحث المفاوضات بين البلدين.'],
  ['ar', 'توقفت المفاوضات في الدوحة وغادرت الوفود المدينة دون التوصل إلى اتفاق.'],
  ['ar', 'قال المتحدث باسم الوزارة إن هذا القرار جاء لتجنب التصعيد مع الدول المجاورة في المنطقة.'],
  ['ar', 'هذه هي المرة الثالثة هذا العام التي تحذر فيها الوكالة من نقص الوقود في المنطقة.'],
  // Mixed: half Persian, half English, is neither.
  [
    undefined,
    'Iran said the talks were over and the delegation has left. ایران گفت مذاکرات تمام شده است و هیئت رفت.',
  ],
  // Mixed: a Russian sentence and an English one of the same size.
  [
    undefined,
    'The minister met the president in Moscow. Министр встретился с президентом в Москве.',
  ],
  // Short texts: too little to tell.
  [undefined, 'Moscow'],
  [undefined, 'Москва, 23 июня'],
  [undefined, 'تهران'],
  [undefined, 'Doha, Qatar — 2025'],
  [undefined, ''],
  // Words of no listed language (Italian): no guess.
  [
    undefined,
    'Il ministro ha incontrato il presidente a Mosca per discutere della situazione nella regione.',
  ],
  // Numbers and names only.
  [undefined, '12 34 56 Tehran Doha Moscow Kyiv 2025 2026 Qatar Iran'],
]

describe('detectLanguage', () => {
  it.each(ROWS)('%s ← %s', (expected, text) => {
    expect(detectLanguage(text)).toBe(expected)
  })

  it('has at least five rows for each language', () => {
    for (const lang of ['en', 'fr', 'de', 'es', 'ru', 'uk', 'fa', 'ar']) {
      expect(ROWS.filter(([l]) => l === lang).length).toBeGreaterThanOrEqual(5)
    }
  })

  it('keeps a mostly Persian text with a few Latin names Persian', () => {
    const text =
      'به گزارش Reuters، وزیر خارجه ایران در مسکو با Putin دیدار کرد و این دیدار را مثبت خواند.'
    expect(detectLanguage(text)).toBe('fa')
  })

  it('reads only the opening of a long text', () => {
    const text = `${'Iran said that the talks were over and the delegation has left. '.repeat(400)}${'Иран заявил, что переговоры окончены. '.repeat(2000)}`
    expect(detectLanguage(text)).toBe('en')
  })
})

describe('isRightToLeft', () => {
  it.each([
    ['fa', true],
    ['ar', true],
    ['fa-IR', true],
    ['AR-EG', true],
    ['he', true],
    ['en', false],
    ['ru', false],
    ['', false],
    [undefined, false],
  ])('%s → %s', (tag, rtl) => {
    expect(isRightToLeft(tag)).toBe(rtl)
  })
})

describe('forEachWord', () => {
  const words = (text: string) => {
    const out: string[] = []
    forEachWord(text, (w) => out.push(w))
    return out
  }
  const bySplit = (text: string) => text.split(/[^\p{L}\p{M}]+/u).filter((w) => w)

  it('gives the words split on non-letters gives, in every script, marks and astral letters included', () => {
    const samples = [
      'The minister met, on Monday — in Moscow — the 3 envoys.',
      'Der Außenminister traf sich mit Lawrow; «très bien», dit-il.',
      'вчера в Києві: ґанок і їжак, ёж',
      'در تهران گفت: الحكومة قالت إن ...',
      'e\u0301te\u0301 cafe\u0301 \u0915\u093f\u0924\u093e\u092c',
      '\ud835\udc00\ud835\udc01 math letters, \ud83d\ude00 emoji, lone \ud800 and \udc00 surrogates',
      '',
      '   ',
      'word',
    ]
    for (const text of samples) expect(words(text)).toEqual(bySplit(text))
  })

  it('agrees with the split on random text drawn from many scripts', () => {
    const pool =
      'aZ9 ,.-\n\u00e9\u0301\u0410\u044f\u0456\u0627\u06cc\u0915\u093f\u4e2d\u3042\ud835\udc00\ud83d\ude00\ud800\udc00\u200b\u00a0'
    const units = [...pool, '\ud800', '\udc00']
    let seed = 7
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648)
    for (let t = 0; t < 200; t++) {
      let text = ''
      for (let i = next() % 60; i > 0; i--) text += units[next() % units.length]
      expect(words(text)).toEqual(bySplit(text))
    }
  })
})
