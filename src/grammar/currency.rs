//! Currencies: every ISO 4217 code, the symbols and prefixed dollars news writes before an
//! amount, and the names it writes after one. One table each; `docs/semantics.md` lists
//! them from here.

/// Every active ISO 4217 code (and the funds and metals codes), in alphabetical order.
pub const CODES: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
    "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD",
    "CAD", "CDF", "CHE", "CHF", "CHW", "CLF", "CLP", "CNY", "COP", "COU", "CRC", "CUC", "CUP",
    "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP",
    "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS",
    "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW",
    "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD",
    "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN",
    "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR",
    "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SLL",
    "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY",
    "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED", "VES",
    "VND", "VUV", "WST", "XAF", "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XCD", "XCG", "XDR",
    "XOF", "XPD", "XPF", "XPT", "XSU", "XTS", "XUA", "XXX", "YER", "ZAR", "ZMW", "ZWG", "ZWL",
];

/// Codes that are also English words ("all", "top", "try"): read as a currency only
/// after an amount ("5 million TRY"), never before one.
pub(crate) const WORDLIKE: &[&str] = &[
    "ALL", "AMD", "BOB", "CUP", "DOP", "GEL", "MAD", "MOP", "PEN", "SOS", "TOP", "TRY", "XXX",
];

/// Symbols and prefixed dollars written before the number (lower case), with their code.
/// `¥` alone is yen or yuan, so it has no code: it needs "yuan", "RMB" or "yen" after the
/// number. ISO codes written before the number are read too (see [`CODES`]).
pub const SYMBOLS: &[(&str, &str)] = &[
    ("us$", "USD"),
    ("u.s.$", "USD"),
    ("hk$", "HKD"),
    ("a$", "AUD"),
    ("au$", "AUD"),
    ("c$", "CAD"),
    ("ca$", "CAD"),
    ("cdn$", "CAD"),
    ("nz$", "NZD"),
    ("s$", "SGD"),
    ("nt$", "TWD"),
    ("r$", "BRL"),
    ("mx$", "MXN"),
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("₽", "RUB"),
    ("₹", "INR"),
    ("₩", "KRW"),
    ("₺", "TRY"),
    ("₪", "ILS"),
    ("₦", "NGN"),
    ("₱", "PHP"),
    ("฿", "THB"),
    ("₫", "VND"),
    ("₴", "UAH"),
    ("₸", "KZT"),
    ("¥", ""),
    ("rmb", "CNY"),
    ("sfr", "CHF"),
];

/// Currency names written after the number (lower case), with their code.
pub const NAMES: &[(&str, &str)] = &[
    ("us dollars", "USD"),
    ("us dollar", "USD"),
    ("u.s. dollars", "USD"),
    ("u.s. dollar", "USD"),
    ("american dollars", "USD"),
    ("hong kong dollars", "HKD"),
    ("australian dollars", "AUD"),
    ("canadian dollars", "CAD"),
    ("new zealand dollars", "NZD"),
    ("singapore dollars", "SGD"),
    ("taiwan dollars", "TWD"),
    ("new taiwan dollars", "TWD"),
    ("dollars", "USD"),
    ("dollar", "USD"),
    ("euros", "EUR"),
    ("euro", "EUR"),
    ("pounds sterling", "GBP"),
    ("british pounds", "GBP"),
    ("egyptian pounds", "EGP"),
    ("pounds", "GBP"),
    ("pound", "GBP"),
    ("sterling", "GBP"),
    ("rubles", "RUB"),
    ("ruble", "RUB"),
    ("roubles", "RUB"),
    ("rouble", "RUB"),
    ("yuan", "CNY"),
    ("renminbi", "CNY"),
    ("rmb", "CNY"),
    ("yen", "JPY"),
    ("indian rupees", "INR"),
    ("pakistani rupees", "PKR"),
    ("sri lankan rupees", "LKR"),
    ("nepalese rupees", "NPR"),
    ("rupees", "INR"),
    ("rupee", "INR"),
    ("swiss francs", "CHF"),
    ("swiss franc", "CHF"),
    ("francs", "CHF"),
    ("franc", "CHF"),
    ("south korean won", "KRW"),
    ("korean won", "KRW"),
    ("won", "KRW"),
    ("south african rand", "ZAR"),
    ("rand", "ZAR"),
    ("turkish lira", "TRY"),
    ("lira", "TRY"),
    ("liras", "TRY"),
    ("brazilian reais", "BRL"),
    ("reais", "BRL"),
    ("mexican pesos", "MXN"),
    ("philippine pesos", "PHP"),
    ("argentine pesos", "ARS"),
    ("chilean pesos", "CLP"),
    ("colombian pesos", "COP"),
    ("saudi riyals", "SAR"),
    ("qatari riyals", "QAR"),
    ("dirhams", "AED"),
    ("shekels", "ILS"),
    ("swedish kronor", "SEK"),
    ("swedish krona", "SEK"),
    ("norwegian kroner", "NOK"),
    ("danish kroner", "DKK"),
    ("zlotys", "PLN"),
    ("zloty", "PLN"),
    ("baht", "THB"),
    ("ringgit", "MYR"),
    ("rupiah", "IDR"),
    ("naira", "NGN"),
    ("kenyan shillings", "KES"),
    ("hryvnias", "UAH"),
    ("hryvnia", "UAH"),
    ("forints", "HUF"),
    ("forint", "HUF"),
    ("koruna", "CZK"),
    ("lei", "RON"),
    ("taka", "BDT"),
    ("tenge", "KZT"),
];

/// The code a symbol or name written in `table` stands for; an ISO code written as such
/// stands for itself.
pub(crate) fn lookup(table: &[(&str, &'static str)], written: &str) -> Option<&'static str> {
    let key = written.split_whitespace().collect::<Vec<_>>().join(" ");
    let key = key.to_lowercase();
    table.iter().find(|p| p.0 == key).map(|p| p.1).or_else(|| {
        let upper = key.to_uppercase();
        CODES.iter().find(|c| **c == upper).copied()
    })
}
