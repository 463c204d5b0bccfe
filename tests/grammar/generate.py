"""Writes generated.tsv: systematic table cases for tests/library/grammar.rs.

The expected values are computed here, independently of the Rust code, from the tables of
docs/semantics.md (default tolerances: approximate 0.1, near 0.1, exact 0). Run it again
after changing a table; review the diff of generated.tsv like code.
"""

import calendar
import datetime as dt
import math
from fractions import Fraction as F

ROWS = []


def row(mode, published, text, kind, low, high, unit="-"):
    ROWS.append("\t".join([mode, published or "-", text, kind, low, high, unit]))


def num(x):
    x = F(x)
    if x.denominator == 1:
        return str(x.numerator)
    d = format(float(x), "f").rstrip("0").rstrip(".")
    # Exact decimals only (tenths, hundredths): the generator never writes thirds.
    assert F(d) == x, (x, d)
    return d


PREFIX = {
    "": "exact", "exactly": "exact", "precisely": "exact", "only": "exact", "just": "exact",
    "a mere": "exact",
    "about": "approx", "around": "approx", "approximately": "approx", "roughly": "approx",
    "some": "approx", "circa": "approx", "an estimated": "approx",
    "in the region of": "approx", "on the order of": "approx",
    "nearly": "near", "almost": "near", "close to": "near", "not quite": "near",
    "just under": "near", "just below": "near", "just shy of": "near",
    "slightly less than": "near", "a little under": "near",
    "just over": "over", "just above": "over", "slightly more than": "over",
    "a little over": "over",
    "more than": "more", "over": "more", "above": "more", "well over": "more",
    "greater than": "more", "in excess of": "more", "upwards of": "more", "exceeding": "more",
    "at least": "least", "no fewer than": "least", "no less than": "least",
    "a minimum of": "least",
    "fewer than": "less", "less than": "less", "under": "less", "below": "less",
    "well under": "less",
    "up to": "most", "as many as": "most", "as much as": "most", "at most": "most",
    "no more than": "most", "a maximum of": "most",
}
SUFFIX = {"or so": "approx", "or more": "least", "or fewer": "most", "or less": "most",
          "or older": "least", "or younger": "most"}


def discrete(h, x):
    x = F(x)
    t = F(1, 10)
    if h == "exact":
        return x, x
    if h == "approx":
        w = max(x * t, 1)
        return max(math.floor(x - w), 0), math.ceil(x + w)
    if h == "near":
        hi = x - 1
        return max(min(math.floor(x - x * t), hi), 0), hi
    if h == "over":
        return x + 1, max(math.ceil(x + x * t), x + 1)
    if h == "more":
        return x + 1, None
    if h == "least":
        return x, None
    if h == "less":
        return 0, x - 1
    if h == "most":
        return 0, x


def continuous(h, x):
    """(low, high) with '>'/'<' marks for open ends."""
    x = F(x)
    t = F(1, 10)
    if h == "exact":
        return num(x), num(x)
    if h == "approx":
        return num(x - x * t), num(x + x * t)
    if h == "near":
        return num(x - x * t), "<" + num(x)
    if h == "over":
        return ">" + num(x), num(x + x * t)
    if h == "more":
        return ">" + num(x), "-"
    if h == "least":
        return num(x), "-"
    if h == "less":
        return "0", "<" + num(x)
    if h == "most":
        return "0", num(x)


def end(v):
    return "-" if v is None else num(v)


def hedged(h, value):
    if h in SUFFIX:
        return f"{value} {h}"
    return f"{h} {value}".strip()


# Counts: every hedge on numbers written in digits and words.
COUNTS = [(1, "1"), (5, "5"), (12, "12"), (40, "40"), (250, "250"), (1200, "1,200"),
          (45000, "45,000"), (2000000, "2 million"), (5, "five"), (30, "thirty"),
          (39, "thirty-nine"), (250, "two hundred and fifty"), (12, "a dozen"),
          (1500000, "1.5 million"), (2500000, "two and a half million"),
          (500000, "half a million")]
for h, meaning in {**PREFIX, **SUFFIX}.items():
    for x, written in COUNTS:
        lo, hi = discrete(meaning, x)
        if hi is not None and lo > hi:
            continue
        row("read", None, hedged(h, written), "count", end(lo), end(hi))

# Money, percentages, durations: real numbers, strict ends stay strict.
for h, meaning in {**PREFIX, **SUFFIX}.items():
    if meaning == "exact" and h not in ("", "exactly"):
        continue
    for x, written, unit in [(F(153, 1) * 10**9, "$153 billion", "USD"),
                             (F(164, 10) * 10**6, "$16.4 million", "USD"),
                             (30 * 10**6, "€30m", "EUR"),
                             (F(128, 100) * 10**12, "1.28 trillion yuan", "CNY")]:
        lo, hi = continuous(meaning, x)
        row("read", None, hedged(h, written), "money", lo, hi, unit)
    for x, written in [(30, "30%"), (F(5, 10), "0.5 per cent"), (12, "12 percent"),
                       (50, "half")]:
        if written == "half" and h in SUFFIX:
            continue
        lo, hi = continuous(meaning, x)
        row("read", None, hedged(h, written), "percent", lo, hi)
    for x, written in [(3 * 86400, "three days"), (31557600, "a year"),
                       (6 * 3600, "six hours")]:
        lo, hi = continuous(meaning, x)
        row("read", None, hedged(h, written), "duration", lo, hi, "s")

# Fractions and multipliers of scale words, in counts and money.
FRACTIONS = [(F(1, 2), "half a"), (F(1, 4), "a quarter of a"), (F(3, 4), "three-quarters of a"),
             (F(1, 2), "one half of a")]
SCALE_WORDS = [("thousand", 10**3), ("million", 10**6), ("billion", 10**9)]
for frac, words in FRACTIONS:
    for scale, value in SCALE_WORDS:
        v = num(frac * value)
        row("read", None, f"{words} {scale}", "count", v, v)
        row("read", None, f"{words} {scale} dollars", "money", v, v, "USD")
        row("read", None, f"about {words} {scale}", "count", end(math.floor(frac * value * F(9, 10))),
            end(math.ceil(frac * value * F(11, 10))))
for n, word in [(1, "one"), (2, "two"), (5, "five"), (12, "twelve")]:
    for scale, value in SCALE_WORDS:
        v = num((n + F(1, 2)) * value)
        row("read", None, f"{word} and a half {scale}", "count", v, v)
        row("read", None, f"{word} {scale} and a half", "count", v, v)
        row("read", None, f"{n}½ {scale}", "count", v, v)
        row("read", None, f"${n}.5 {scale}", "money", v, v, "USD")
# Signs and decimals stay exact.
for written, v in [("minus 0.5", "-0.5"), ("-1", "-1"), ("negative 3", "-3"), ("−2.25", "-2.25"),
                   ("1.6", "1.6"), ("0.1", "0.1"), ("16.4 million", "16400000"),
                   ("2.35 billion", "2350000000"), ("0.07", "0.07")]:
    row("read", None, written, "count", v, v)
    row("read", None, f"{written}%", "percent", v, v)
    row("read", None, f"{written} per cent", "percent", v, v)

# Every ISO 4217 code after an amount, and the ones that are no English word before it.
CODES = """AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL
BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD
EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK
JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT
MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR
RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND
TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XAG XAU XBA XBB XBC
XBD XCD XCG XDR XOF XPD XPF XPT XSU XTS XUA XXX YER ZAR ZMW ZWG ZWL""".split()
WORDLIKE = set("ALL AMD BOB CUP DOP GEL MAD MOP PEN SOS TOP TRY XXX".split())
for code in CODES:
    row("read", None, f"5 million {code}", "money", "5000000", "5000000", code)
    if code not in WORDLIKE:
        row("read", None, f"{code} 2.5bn", "money", "2500000000", "2500000000", code)

NAMES = {"dollars": "USD", "US dollars": "USD", "euros": "EUR", "pounds": "GBP",
         "pounds sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
         "rubles": "RUB", "roubles": "RUB", "rupees": "INR", "Indian rupees": "INR",
         "Pakistani rupees": "PKR", "Swiss francs": "CHF", "francs": "CHF", "won": "KRW",
         "South Korean won": "KRW", "rand": "ZAR", "lira": "TRY", "Turkish lira": "TRY",
         "Hong Kong dollars": "HKD", "Australian dollars": "AUD", "Canadian dollars": "CAD",
         "New Zealand dollars": "NZD", "Singapore dollars": "SGD", "reais": "BRL",
         "Mexican pesos": "MXN", "shekels": "ILS", "dirhams": "AED", "zloty": "PLN",
         "baht": "THB", "ringgit": "MYR", "rupiah": "IDR", "naira": "NGN", "hryvnias": "UAH",
         "Swedish kronor": "SEK", "Norwegian kroner": "NOK", "Danish kroner": "DKK",
         "Egyptian pounds": "EGP", "Saudi riyals": "SAR"}
for name, code in NAMES.items():
    row("read", None, f"40 million {name}", "money", "40000000", "40000000", code)
    row("read", None, f"three thousand {name}", "money", "3000", "3000", code)
SYMBOLS = {"$": "USD", "US$": "USD", "HK$": "HKD", "A$": "AUD", "C$": "CAD", "NZ$": "NZD",
           "S$": "SGD", "NT$": "TWD", "R$": "BRL", "€": "EUR", "£": "GBP", "₹": "INR",
           "₽": "RUB", "₩": "KRW", "₺": "TRY", "₪": "ILS", "RMB": "CNY"}
for sym, code in SYMBOLS.items():
    row("read", None, f"{sym}20 million", "money", "20000000", "20000000", code)
    row("read", None, f"{sym}1.5bn", "money", "1500000000", "1500000000", code)

# Ordinals in words and digits.
ONES = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
        "ninth"]
TEENS = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
         "sixteenth", "seventeenth", "eighteenth", "nineteenth"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
TENTHS = ["", "", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth",
          "eightieth", "ninetieth"]
for n in range(1, 100):
    if n < 10:
        w = ONES[n]
    elif n < 20:
        w = TEENS[n - 10]
    elif n % 10 == 0:
        w = TENTHS[n // 10]
    else:
        w = f"{TENS[n // 10]}-{ONES[n % 10]}"
    row("read", None, w, "ordinal", str(n), str(n))
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    row("read", None, f"{n}{suffix}", "ordinal", str(n), str(n))

# Shares: fractions and ratios, in points, widened to whole points.
for n, d, written in [(1, 2, "a half"), (1, 3, "one third"), (2, 3, "two-thirds"),
                      (1, 4, "a quarter"), (3, 4, "three-quarters"), (1, 5, "a fifth"),
                      (2, 5, "two fifths"), (1, 10, "a tenth"), (1, 3, "one in three"),
                      (1, 5, "one in five"), (1, 4, "one out of four"), (3, 4, "3 out of 4"),
                      (2, 3, "2 in 3"), (1, 2, "1/2"), (3, 4, "3/4"), (1, 4, "¼")]:
    share = F(100 * n, d)
    row("read", None, written, "percent", str(math.floor(share)), str(math.ceil(share)))

# Durations: every unit, in words and digits.
UNITS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800,
         "fortnight": 1209600, "month": 2629800, "year": 31557600, "decade": 315576000,
         "century": 3155760000}
for unit, seconds in UNITS.items():
    plural = "centuries" if unit == "century" else unit + "s"
    for n, written in [(2, "two"), (3, "3"), (12, "twelve"), (F(5, 2), "two and a half")]:
        v = num(n * seconds)
        row("read", None, f"{written} {plural}", "duration", v, v, "s")
    row("read", None, f"a {unit}", "duration", str(seconds), str(seconds), "s")
    row("read", None, f"3-{unit}", "duration", str(3 * seconds), str(3 * seconds), "s")

# Absolute dates.
for month in range(1, 13):
    name = calendar.month_name[month]
    abbr = calendar.month_abbr[month]
    for year, day in [(2019, 1), (2023, 21)]:
        d = dt.date(year, month, day).isoformat()
        row("read", None, f"{name} {day}, {year}", "date", d, d)
        row("read", None, f"{day} {name} {year}", "date", d, d)
        row("read", None, d, "date", d, d)
        if abbr != name:
            row("read", None, f"{abbr}. {day}, {year}", "date", d, d)
    last = calendar.monthrange(2022, month)[1]
    row("read", None, f"{name} 2022", "date", f"2022-{month:02}-01", f"2022-{month:02}-{last:02}")
for year in [1066, 1914, 1999, 2000, 2019, 2024]:
    row("read", None, str(year), "date", f"{year}-01-01", f"{year}-12-31")
for q in range(1, 5):
    first, lastm = 3 * q - 2, 3 * q
    last = calendar.monthrange(2019, lastm)[1]
    lo, hi = f"2019-{first:02}-01", f"2019-{lastm:02}-{last:02}"
    ordinal = ["first", "second", "third", "fourth"][q - 1]
    for written in [f"Q{q} 2019", f"2019 Q{q}", f"the {ordinal} quarter of 2019",
                    f"{ordinal} quarter 2019"]:
        row("read", None, written, "date", lo, hi)
for h, (lo, hi) in {1: ("2020-01-01", "2020-06-30"), 2: ("2020-07-01", "2020-12-31")}.items():
    ordinal = ["first", "second"][h - 1]
    row("read", None, f"H{h} 2020", "date", lo, hi)
    row("read", None, f"the {ordinal} half of 2020", "date", lo, hi)
for decade in [1920, 1960, 1990, 2010]:
    row("read", None, f"the {decade}s", "date", f"{decade}-01-01", f"{decade + 9}-12-31")
    row("read", None, f"the early {decade}s", "date", f"{decade}-01-01", f"{decade + 3}-12-31")
    row("read", None, f"the late {decade}s", "date", f"{decade + 6}-01-01", f"{decade + 9}-12-31")

# Rolling periods and relative dates against a publication day.
P = dt.date(2023, 3, 21)
def shift(day, months=0, days=0):
    """`day` moved by calendar months (the last day of a shorter month) and days."""
    index = day.year * 12 + day.month - 1 + months
    y, m = divmod(index, 12)
    d = min(day.day, calendar.monthrange(y, m + 1)[1])
    return dt.date(y, m + 1, d) + dt.timedelta(days)


for n, word in [(2, "two"), (5, "five"), (10, "10")]:
    for unit, months, days in [("years", 12, 0), ("months", 1, 0), ("quarters", 3, 0),
                               ("weeks", 0, 7), ("days", 0, 1)]:
        lo = shift(P, -n * months, -n * days).isoformat()
        hi = shift(P, n * months, n * days).isoformat()
        row("read", P.isoformat(), f"over the past {word} {unit}", "date", lo, P.isoformat())
        row("read", P.isoformat(), f"in the last {word} {unit}", "date", lo, P.isoformat())
        row("read", P.isoformat(), f"the next {word} {unit}", "date", P.isoformat(), hi)
for written, months in [("the past decade and a half", -180), ("the next year and a half", 18),
                        ("the past year", -12), ("the coming decade", 120)]:
    other = shift(P, months).isoformat()
    lo, hi = sorted([other, P.isoformat()])
    row("read", P.isoformat(), written, "date", lo, hi)
for offset, written in [(-1, "yesterday"), (0, "today"), (1, "tomorrow")]:
    d = (P + dt.timedelta(offset)).isoformat()
    row("read", P.isoformat(), written, "date", d, d)
row("read", P.isoformat(), "last year", "date", "2022-01-01", "2022-12-31")
row("read", P.isoformat(), "next year", "date", "2024-01-01", "2024-12-31")
row("read", P.isoformat(), "last month", "date", "2023-02-01", "2023-02-28")
row("read", P.isoformat(), "last quarter", "date", "2022-10-01", "2022-12-31")
row("read", P.isoformat(), "this quarter", "date", "2023-01-01", "2023-03-31")
row("read", P.isoformat(), "next quarter", "date", "2023-04-01", "2023-06-30")

# Bare weekdays, months and days of a month, resolved in the tense of their clause.
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
for published in [dt.date(2023, 3, 16), dt.date(2024, 1, 1)]:
    pub = published.isoformat()
    for i, name in enumerate(WEEKDAYS):
        back = (published.weekday() - i) % 7
        ahead = (i - published.weekday()) % 7
        past = (published - dt.timedelta(back)).isoformat()
        future = (published + dt.timedelta(ahead)).isoformat()
        row("scan", pub, f"The minister said on [{name}] that talks failed.", "date", past, past)
        row("scan", pub, f"The leaders will meet on [{name}] in Geneva.", "date", future, future)
        row("scan", pub, f"The vote is scheduled for [{name}].", "date", future, future)
    for m in range(1, 13):
        name = calendar.month_name[m]
        py, pm = published.year, published.month
        past_year = py if m <= pm else py - 1
        future_year = py if m >= pm else py + 1
        for year, text in [(past_year, f"The summit was held in [{name}]."),
                           (future_year, f"The summit will be held in [{name}].")]:
            last = calendar.monthrange(year, m)[1]
            row("scan", pub, text, "date", f"{year}-{m:02}-01", f"{year}-{m:02}-{last:02}")
        for year, text in [(past_year, f"Talks began on [{name} 5] in Oslo."),
                           (future_year, f"Talks will begin on [{name} 25] in Oslo.")]:
            day = 5 if "began" in text else 25
            d = dt.date(year, m, day)
            if "began" in text and d > published:
                d = dt.date(year - 1, m, day)
            if "will" in text and d < published:
                d = dt.date(year + 1, m, day)
            row("scan", pub, text, "date", d.isoformat(), d.isoformat())

with open("generated.tsv", "w") as out:
    out.write("# Generated by generate.py; see traps.tsv for the columns. Do not edit by hand.\n")
    out.write("\n".join(ROWS) + "\n")
print(len(ROWS), "rows")
