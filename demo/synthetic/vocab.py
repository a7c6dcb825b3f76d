"""Word lists and weights that make the synthetic national registry look like the real one.

Kept apart from the generator so the numbers that shape the data (how many sentra Java has, which commodities
dominate, what DAK paid nationally) can be read and argued about in one place.
"""

# Every synthetic row carries this mark so `generate_national --clear` can find it again:
# sentra codes, IKM addresses, DAK allocation notes and yearly-figure sources start with it.
SYNTHETIC_MARK = "SYN-"

# How much more densely industrial a province is than its desa count alone suggests. Java and Bali hold
# most of the country's IKM; the Papua provinces and Maluku few. Unlisted provinces weigh 1.
PROVINCE_DENSITY = {
    "31": 4.0,  # DKI Jakarta
    "32": 3.0,  # Jawa Barat
    "33": 3.0,  # Jawa Tengah
    "34": 3.5,  # DI Yogyakarta
    "35": 3.0,  # Jawa Timur
    "36": 2.5,  # Banten
    "51": 2.5,  # Bali
    "52": 1.8,  # Nusa Tenggara Barat
    "13": 1.4,  # Sumatera Barat
    "73": 1.3,  # Sulawesi Selatan
    "91": 0.3,  # Papua
    "92": 0.3,  # Papua Barat
    "93": 0.3,
    "94": 0.3,
    "95": 0.3,
    "96": 0.3,
    "81": 0.6,  # Maluku
    "82": 0.6,  # Maluku Utara
}
KOTA_DENSITY = 1.6  # cities have fewer desa/kelurahan but more workshops per kelurahan

# Share of sentra by commodity group (pangan dominates the national sentra list).
GROUP_WEIGHT = {
    "pangan": 45,
    "kerajinan-aneka": 22,
    "sandang": 13,
    "furnitur": 9,
    "kimia-bahan-bangunan": 6,
    "logam-mesin-elektronika": 5,
}

# Machines that make sense for a commodity group; other groups get a generic pick.
EQUIPMENT_BY_GROUP = {
    "pangan": ["oven", "mixer", "vacuum-frying", "spinner", "continuous-sealer"],
    "sandang": ["alat-tenun-gedogan", "atbm", "atbm-semi-mesin"],
    "kerajinan-aneka": ["mesin-serut-bambu", "tungku-gerabah", "meja-putar-gerabah"],
    "furnitur": ["mesin-ketam-kayu", "gergaji-mesin"],
}

PRODUCTS = {
    "pangan": ["keripik", "kerupuk", "abon", "dodol", "kue kering", "kopi bubuk", "gula semut", "ikan asin", "sambal"],
    "sandang": ["kain tenun", "selendang", "sarung", "kain batik", "kemeja", "seragam"],
    "kerajinan-aneka": ["tikar", "bakul", "tas anyaman", "gerabah hias", "suvenir", "topi"],
    "furnitur": ["kursi", "meja", "lemari", "dipan", "kursi rotan"],
    "kimia-bahan-bangunan": ["batu bata", "genteng", "minyak atsiri", "paving"],
    "logam-mesin-elektronika": ["parang", "cangkul", "sabit", "pisau", "pagar besi"],
}
CAPACITY_UNIT = {
    "pangan": "kg",
    "sandang": "lembar",
    "kerajinan-aneka": "buah",
    "furnitur": "unit",
    "kimia-bahan-bangunan": "buah",
    "logam-mesin-elektronika": "buah",
}

BUSINESS_FORMS = ["UD", "UD", "UD", "CV", "KUB", "Kelompok", "Usaha", "Industri Rumah Tangga"]
BUSINESS_WORDS = [
    "Sari", "Rasa", "Maju", "Jaya", "Makmur", "Sejahtera", "Berkah", "Mandiri", "Lestari", "Harapan", "Baru",
    "Indah", "Abadi", "Sentosa", "Mulia", "Karya", "Bunda", "Putri", "Sinar", "Mekar", "Tunas", "Bintang",
    "Cahaya", "Rezeki", "Barokah", "Amanah", "Citra", "Mutiara", "Kencana", "Melati", "Mawar", "Anggrek",
]
FIRST_NAMES = [
    "Ahmad", "Budi", "Siti", "Nur", "Dewi", "Agus", "Sri", "Yohanes", "Maria", "Made", "Ketut", "Wayan",
    "Putu", "Fransiskus", "Rahmat", "Hendra", "Ratna", "Fitri", "Yusuf", "Ani", "Lalu", "Baiq", "Andi",
    "Muhammad", "Rina", "Wahyu", "Bambang", "Suharti", "Yosef", "Theresia", "Ismail", "Nyoman",
]
LAST_NAMES = [
    "Saputra", "Wijaya", "Hidayat", "Lestari", "Santoso", "Rahayu", "Kurniawan", "Pratama", "Setiawan",
    "Nugroho", "Siregar", "Harahap", "Nainggolan", "Manek", "Bria", "Fanggidae", "Sinaga", "Wulandari",
    "Suryani", "Hasibuan", "Tanjung", "Daeng", "Mokoginta", "Ndun", "Lobo", "Bere", "Tefa", "Nope",
]
STREETS = ["Jl. Raya", "Jl. Merdeka", "Jl. Pahlawan", "Jl. Pasar", "Jl. Sudirman", "Jl. Masjid", "Gang Mawar", "Dusun"]
MANAGER_NAMES = ["Koperasi Produsen", "UPT Sentra", "Kelompok Usaha Bersama", "Dinas Perindustrian"]

# DAK Fisik Bidang IKM: (number of recipient kabupaten/kota, national pagu in Rp). 2016, 2019 and 2023 are the
# published figures; the other years are interpolated so the series stays in the same order of magnitude.
DAK_SERIES = {
    2016: (149, 166_300_000_000),
    2017: (120, 170_000_000_000),
    2018: (95, 175_000_000_000),
    2019: (79, 178_300_000_000),
    2020: (60, 150_000_000_000),
    2021: (52, 160_000_000_000),
    2022: (54, 300_000_000_000),
    2023: (56, 395_000_000_000),
    2024: (60, 380_000_000_000),
    2025: (58, 360_000_000_000),
}
DAK_ABSORPTION_MEAN = 0.8846  # 2023: 88.46% absorbed
