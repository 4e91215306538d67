"""Fictional demo data for ``manage.py seed_demo``: pure data, no Django imports.

Every organisation, person and listing here is invented and written in our own words; real
products (Google Sheets, DHIS2, M-Pesa…) appear only as the systems a listing works with.
Taxonomy values are slugs from ``directory/taxonomy_defaults.py`` (languages by ISO code).

Needs and offerings are written to match each other in meaning but not in wording (a need asks
for "patient records", the offering says "EHR"), so the matching engine has real work to do.

Listing fields left out take these defaults in the command: status "published", state "open",
visibility "public", no budgets, no deadline. ``posted_days_ago`` and ``confirmed_days_ago``
set the timestamps when a listing is first created; ``deadline_in_days`` counts from that day.
"""

DEMO_PASSWORD = "demo-password-123"

ADMIN = {
    "username": "admin",
    "email": "admin@impactsocials.example",
    "password": "admin-password-123",
    "first_name": "Site",
    "last_name": "Curator",
}

NONPROFITS = [
    {
        "slug": "ruaha-girls",
        "name": "Ruaha Girls' Learning Trust",
        "country": "TZ",
        "description": "We keep 340 girls in secondary school around Iringa with bursaries, "
        "weekend study clubs and a mentor for every girl.",
        "sectors": ["education", "gender-equality", "children-youth"],
        "languages": ["sw", "en"],
        "size_band": "6-20",
        "budget_band": "<100k",
        "systems_in_use": ["google-sheets", "google-workspace", "whatsapp-business"],
        "member": {
            "email": "amina@ruaha-girls.example",
            "first_name": "Amina",
            "last_name": "Mwakyusa",
        },
    },
    {
        "slug": "tumaini-health",
        "name": "Tumaini Community Health Network",
        "country": "KE",
        "description": "Sixty community health volunteers in Kilifi County who visit homes, "
        "follow pregnant women and children under five, and refer them to the nearest clinic.",
        "sectors": ["health"],
        "languages": ["sw", "en"],
        "size_band": "21-100",
        "budget_band": "100k-1m",
        "systems_in_use": ["microsoft-excel", "whatsapp-business", "dhis2"],
        "member": {
            "email": "mwanaisha@tumaini-health.example",
            "first_name": "Mwanaisha",
            "last_name": "Karisa",
        },
    },
    {
        "slug": "nakawa-youth-skills",
        "name": "Nakawa Youth Skills Hub",
        "country": "UG",
        "description": "Six-month courses in tailoring, phone repair and bookkeeping for young "
        "people in Kampala's eastern neighbourhoods, followed by help finding work.",
        "sectors": ["livelihoods", "children-youth", "education"],
        "languages": ["en"],
        "size_band": "6-20",
        "budget_band": "100k-1m",
        "systems_in_use": ["google-workspace", "google-forms", "google-sheets"],
        "member": {
            "email": "brian@nakawa-youth.example",
            "first_name": "Brian",
            "last_name": "Ssekandi",
        },
    },
    {
        "slug": "acholi-savings",
        "name": "Acholi Women's Savings Circles",
        "country": "UG",
        "description": "We start and support village savings groups for women around Gulu: "
        "45 groups, about 1,100 members, meeting weekly.",
        "sectors": ["livelihoods", "gender-equality"],
        "languages": ["en"],
        "size_band": "1-5",
        "budget_band": "<100k",
        "systems_in_use": ["whatsapp-business"],
        "member": {
            "email": "grace@acholi-savings.example",
            "first_name": "Grace",
            "last_name": "Akello",
        },
    },
    {
        "slug": "lantern-learning",
        "name": "Lantern Learning Foundation",
        "country": "IN",
        "description": "After-school reading and maths classes for 2,000 children in Pune's "
        "low-income settlements, run by young women from the same neighbourhoods.",
        "sectors": ["education", "children-youth"],
        "languages": ["hi", "en"],
        "size_band": "21-100",
        "budget_band": "100k-1m",
        "systems_in_use": ["google-sheets", "google-workspace", "whatsapp-business"],
        "member": {
            "email": "priya@lantern-learning.example",
            "first_name": "Priya",
            "last_name": "Deshmukh",
        },
    },
    {
        "slug": "coromandel-fisherfolk",
        "name": "Coromandel Fisherfolk Trust",
        "country": "IN",
        "description": "Small-boat fishing families on the Tamil Nadu coast: storm warnings, "
        "fair prices at landing sites and mangrove replanting.",
        "sectors": ["livelihoods", "climate"],
        "languages": ["en", "hi"],
        "size_band": "6-20",
        "budget_band": "<100k",
        "systems_in_use": ["google-workspace"],
        "member": {
            "email": "karthik@fisherfolk-trust.example",
            "first_name": "Karthik",
            "last_name": "Raman",
        },
    },
    {
        "slug": "sundarbans-water",
        "name": "Sundarbans Clean Water Collective",
        "country": "BD",
        "description": "We test village tube wells for arsenic and salt, repair hand pumps and "
        "train local women as water caretakers in Khulna and Satkhira.",
        "sectors": ["water-sanitation", "climate", "health"],
        "languages": ["bn", "en"],
        "size_band": "6-20",
        "budget_band": "<100k",
        "systems_in_use": ["kobotoolbox", "microsoft-excel"],
        "member": {
            "email": "rafiq@sundarbans-water.example",
            "first_name": "Rafiq",
            "last_name": "Hossain",
        },
    },
    {
        "slug": "shromik-legal-aid",
        "name": "Shromik Legal Aid Centre",
        "country": "BD",
        "description": "Free legal advice and representation for garment workers in Dhaka: "
        "unpaid wages, unfair dismissal, harassment at work.",
        "sectors": ["justice-governance", "gender-equality", "livelihoods"],
        "languages": ["bn", "en"],
        "size_band": "21-100",
        "budget_band": "100k-1m",
        "systems_in_use": ["microsoft-excel", "microsoft-365"],
        "member": {
            "email": "nasrin@shromik-legal.example",
            "first_name": "Nasrin",
            "last_name": "Akter",
        },
    },
    {
        "slug": "eko-food-bank",
        "name": "Eko Neighbourhood Food Bank",
        "country": "NG",
        "description": "We collect surplus food from markets and shops in Lagos and share it "
        "out through 18 church, mosque and community kitchens.",
        "sectors": ["social-protection", "humanitarian"],
        "languages": ["en", "yo"],
        "size_band": "6-20",
        "budget_band": "<100k",
        "systems_in_use": ["google-sheets", "whatsapp-business"],
        "member": {
            "email": "tolu@eko-foodbank.example",
            "first_name": "Tolu",
            "last_name": "Adeyemi",
        },
    },
    {
        "slug": "arewa-safe-motherhood",
        "name": "Arewa Safe Motherhood Initiative",
        "country": "NG",
        "description": "Two maternity clinics and an outreach team in Kano State caring for "
        "pregnant women before, during and after birth.",
        "sectors": ["health", "gender-equality"],
        "languages": ["ha", "en"],
        "size_band": "21-100",
        "budget_band": "100k-1m",
        "systems_in_use": ["dhis2", "commcare", "microsoft-excel"],
        "member": {
            "email": "hauwa@arewa-motherhood.example",
            "first_name": "Hauwa",
            "last_name": "Musa",
        },
    },
    {
        "slug": "mare-alta-arts",
        "name": "Maré Alta Youth Arts Collective",
        "country": "BR",
        "description": "Music, dance and video workshops for teenagers in Recife's waterfront "
        "communities, with shows and short films made by the young people themselves.",
        "sectors": ["arts-culture-media", "children-youth"],
        "languages": ["pt", "en"],
        "size_band": "6-20",
        "budget_band": "<100k",
        "systems_in_use": ["wordpress", "canva", "meta-facebook", "google-workspace"],
        "member": {
            "email": "luana@mare-alta.example",
            "first_name": "Luana",
            "last_name": "Ferreira",
        },
    },
    {
        "slug": "guardioes-floresta",
        "name": "Guardiões da Floresta Network",
        "country": "BR",
        "description": "Indigenous and riverside community monitors who patrol their forest "
        "territories in Pará and report illegal logging and fires.",
        "sectors": ["environment", "climate"],
        "languages": ["pt", "es"],
        "size_band": "21-100",
        "budget_band": "100k-1m",
        "systems_in_use": ["odk", "qgis", "whatsapp-business"],
        "member": {
            "email": "tiago@guardioes-floresta.example",
            "first_name": "Tiago",
            "last_name": "Nascimento",
        },
    },
    {
        "slug": "andean-potato-coop",
        "name": "Andean Potato Growers' Cooperative",
        "country": "PE",
        "description": "Six hundred small farmers around Cusco who grow native potatoes and sell "
        "together to get a better price.",
        "sectors": ["agriculture", "livelihoods"],
        "languages": ["es"],
        "size_band": "6-20",
        "budget_band": "100k-1m",
        "systems_in_use": ["microsoft-excel", "whatsapp-business"],
        "member": {
            "email": "rosa@papa-andina.example",
            "first_name": "Rosa",
            "last_name": "Quispe",
        },
    },
    {
        "slug": "libros-al-barrio",
        "name": "Libros al Barrio",
        "country": "PE",
        "description": "Volunteer reading tutors for primary-school children in four community "
        "libraries in the north of Lima.",
        "sectors": ["education", "children-youth"],
        "languages": ["es"],
        "size_band": "1-5",
        "budget_band": "<100k",
        "systems_in_use": ["google-sheets", "google-forms", "meta-facebook"],
        "member": {
            "email": "diego@libros-al-barrio.example",
            "first_name": "Diego",
            "last_name": "Salazar",
        },
    },
    {
        "slug": "aire-valley-refugees",
        "name": "Aire Valley Refugee Welcome",
        "country": "GB",
        "description": "Volunteers in Leeds who help newly arrived refugee families with "
        "housing, school places, English classes and getting to appointments.",
        "sectors": ["refugees-migration", "social-protection"],
        "languages": ["en", "ar", "fa", "uk"],
        "size_band": "6-20",
        "budget_band": "100k-1m",
        "systems_in_use": ["microsoft-365", "whatsapp-business", "mailchimp"],
        "member": {
            "email": "hannah@airevalley-welcome.example",
            "first_name": "Hannah",
            "last_name": "Brooks",
        },
    },
    {
        "slug": "severnside-hospice-friends",
        "name": "Friends of Severnside Hospice",
        "country": "GB",
        "description": "The fundraising charity behind a 12-bed hospice near Bristol: charity "
        "shops, a spring fun run and about 3,000 regular supporters.",
        "sectors": ["health"],
        "languages": ["en"],
        "size_band": "6-20",
        "budget_band": "100k-1m",
        "systems_in_use": ["xero", "mailchimp", "donorbox", "microsoft-excel"],
        "member": {
            "email": "margaret@severnside-friends.example",
            "first_name": "Margaret",
            "last_name": "Ellis",
        },
    },
    {
        "slug": "eastside-tenants",
        "name": "Eastside Tenants' Union",
        "country": "US",
        "description": "A member-run union of renters in Detroit's east side organising for "
        "repairs, fair rents and an end to unlawful evictions.",
        "sectors": ["justice-governance", "cities-infrastructure"],
        "languages": ["en", "es"],
        "size_band": "1-5",
        "budget_band": "<100k",
        "systems_in_use": ["airtable", "google-sheets", "meta-facebook"],
        "member": {
            "email": "marcus@eastside-tenants.example",
            "first_name": "Marcus",
            "last_name": "Johnson",
        },
    },
    {
        "slug": "sonoran-pantry",
        "name": "Sonoran Community Pantry",
        "country": "US",
        "description": "A food pantry and community garden in south Tucson serving about 900 "
        "households a month.",
        "sectors": ["social-protection", "agriculture"],
        "languages": ["en", "es"],
        "size_band": "6-20",
        "budget_band": "100k-1m",
        "systems_in_use": ["quickbooks", "microsoft-excel"],
        "member": {
            "email": "elena@sonoran-pantry.example",
            "first_name": "Elena",
            "last_name": "Ruiz",
        },
    },
    {
        "slug": "visayas-bayanihan",
        "name": "Visayas Bayanihan Relief",
        "country": "PH",
        "description": "Community-led disaster response in Leyte and Samar: early warnings, "
        "relief packs and cash help for families after typhoons.",
        "sectors": ["humanitarian", "climate"],
        "languages": ["tl", "en"],
        "size_band": "21-100",
        "budget_band": "1m-10m",
        "systems_in_use": ["kobotoolbox", "google-sheets", "meta-facebook"],
        "member": {
            "email": "joy@bayanihan-relief.example",
            "first_name": "Joy",
            "last_name": "Villanueva",
        },
    },
    {
        "slug": "kuya-ate-mentors",
        "name": "Kuya Ate Mentoring Network",
        "country": "PH",
        "description": "University students who mentor high-school students in Quezon City, "
        "one older 'kuya' or 'ate' for each young person.",
        "sectors": ["children-youth", "education"],
        "languages": ["tl", "en"],
        "size_band": "6-20",
        "budget_band": "<100k",
        "systems_in_use": ["google-workspace", "zoom"],
        "member": {"email": "paolo@kuya-ate.example", "first_name": "Paolo", "last_name": "Reyes"},
    },
    {
        "slug": "ubumwe-deaf-youth",
        "name": "Ubumwe Deaf Youth Association",
        "country": "RW",
        "description": "Run by deaf young people in Kigali: sign-language classes, vocational "
        "training and campaigning for interpreters in schools and clinics.",
        "sectors": ["disability", "education", "children-youth"],
        "languages": ["rw", "en", "fr"],
        "size_band": "6-20",
        "budget_band": "<100k",
        "systems_in_use": ["whatsapp-business", "google-workspace"],
        "member": {
            "email": "jeanpaul@ubumwe-deaf.example",
            "first_name": "Jean-Paul",
            "last_name": "Habimana",
        },
    },
    {
        "slug": "sika-waste-pickers",
        "name": "Sika Waste Pickers' Alliance",
        "country": "GH",
        "description": "A cooperative of 250 waste pickers in Accra who collect and sort "
        "plastic, and bargain together with recyclers for a fair price.",
        "sectors": ["environment", "livelihoods"],
        "languages": ["en"],
        "size_band": "6-20",
        "budget_band": "<100k",
        "systems_in_use": ["google-forms", "whatsapp-business"],
        "member": {
            "email": "abena@sika-alliance.example",
            "first_name": "Abena",
            "last_name": "Owusu",
        },
    },
    {
        "slug": "tesfa-peer-support",
        "name": "Tesfa Peer Support Ethiopia",
        "country": "ET",
        "description": "Trained peer counsellors in Addis Ababa who support people living with "
        "depression, anxiety and trauma, in person and by phone.",
        "sectors": ["health", "disability"],
        "languages": ["am", "om", "en"],
        "size_band": "6-20",
        "budget_band": "<100k",
        "systems_in_use": ["microsoft-365", "telegram"],
        "member": {
            "email": "selam@tesfa-peer.example",
            "first_name": "Selamawit",
            "last_name": "Bekele",
        },
    },
    {
        "slug": "himalayan-school-meals",
        "name": "Himalayan School Meals Trust",
        "country": "NP",
        "description": "Hot lunches cooked from local produce for 11,000 pupils in 40 hill "
        "schools in Gorkha and Dhading.",
        "sectors": ["education", "agriculture", "children-youth"],
        "languages": ["ne", "en"],
        "size_band": "21-100",
        "budget_band": "100k-1m",
        "systems_in_use": ["google-sheets"],
        "member": {
            "email": "sushila@himalayan-meals.example",
            "first_name": "Sushila",
            "last_name": "Gurung",
        },
    },
]

PROVIDERS = [
    {
        "slug": "fieldnote-labs",
        "name": "FieldNote Labs",
        "country": "KE",
        "provider_type": "vendor",
        "is_verified": True,
        "description": "A Nairobi software company making mobile forms for field teams since 2016.",
        "sectors": ["health", "agriculture", "humanitarian"],
        "languages": ["en", "sw", "fr"],
        "regions_served": [],
        "member": {"email": "david@fieldnote.example", "first_name": "David", "last_name": "Kamau"},
    },
    {
        "slug": "kaya-health-project",
        "name": "Kaya Open Health Project",
        "country": "ZA",
        "provider_type": "open_source",
        "is_verified": True,
        "description": "An open-source community building tools for community health workers, "
        "maintained by a small foundation and volunteer developers on three continents.",
        "sectors": ["health"],
        "languages": ["en", "fr", "sw", "pt"],
        "regions_served": [],
        "member": {
            "email": "thandi@kaya-health.example",
            "first_name": "Thandi",
            "last_name": "Nkosi",
        },
    },
    {
        "slug": "savanna-digital",
        "name": "Savanna Digital Partners",
        "country": "KE",
        "provider_type": "implementer",
        "is_verified": False,
        "description": "Implementers who set up and support health and payment systems for "
        "NGOs in East Africa, with staff in Nairobi, Kampala and Addis Ababa.",
        "sectors": ["health", "social-protection"],
        "languages": ["en", "sw", "am"],
        "regions_served": ["KE", "UG", "TZ", "RW", "ET"],
        "member": {
            "email": "peter@savanna-digital.example",
            "first_name": "Peter",
            "last_name": "Omondi",
        },
    },
    {
        "slug": "textbridge",
        "name": "TextBridge Africa",
        "country": "NG",
        "provider_type": "vendor",
        "is_verified": True,
        "description": "Messaging infrastructure for organisations that need to reach people "
        "on ordinary phones: SMS, USSD and chat apps.",
        "sectors": ["health", "agriculture", "education"],
        "languages": ["en", "sw", "ha", "yo", "fr"],
        "regions_served": ["KE", "UG", "TZ", "NG", "GH", "RW"],
        "member": {
            "email": "chinedu@textbridge.example",
            "first_name": "Chinedu",
            "last_name": "Okafor",
        },
    },
    {
        "slug": "chalkline",
        "name": "Chalkline Edtech",
        "country": "IN",
        "provider_type": "vendor",
        "is_verified": False,
        "description": "A Bengaluru team building school communication tools for low-fee "
        "schools and education NGOs in South Asia.",
        "sectors": ["education", "children-youth"],
        "languages": ["en", "hi", "bn", "ne"],
        "regions_served": ["IN", "BD", "NP", "LK"],
        "member": {"email": "arjun@chalkline.example", "first_name": "Arjun", "last_name": "Mehta"},
    },
    {
        "slug": "lumbre-learning",
        "name": "Lumbre Open Learning Foundation",
        "country": "CO",
        "provider_type": "open_source",
        "is_verified": True,
        "description": "A foundation that maintains open-source software for learning where "
        "the internet is slow, costly or missing.",
        "sectors": ["education"],
        "languages": ["es", "en", "pt", "hi", "sw"],
        "regions_served": [],
        "member": {
            "email": "camila@lumbre.example",
            "first_name": "Camila",
            "last_name": "Restrepo",
        },
    },
    {
        "slug": "signs-and-screens",
        "name": "Signs & Screens Collective",
        "country": "GB",
        "provider_type": "pro_bono",
        "is_verified": False,
        "description": "Deaf and hearing volunteers - interpreters, video editors and web "
        "developers - who make online learning accessible, free of charge.",
        "sectors": ["disability", "education"],
        "languages": ["en", "fr", "rw"],
        "regions_served": [],
        "member": {"email": "nia@signs-screens.example", "first_name": "Nia", "last_name": "Oduya"},
    },
    {
        "slug": "casehold",
        "name": "CaseHold",
        "country": "GB",
        "provider_type": "vendor",
        "is_verified": True,
        "description": "Case management software for advice, legal and social-care charities.",
        "sectors": ["justice-governance", "refugees-migration", "social-protection"],
        "languages": ["en", "ar", "bn", "fr", "es", "uk"],
        "regions_served": [],
        "member": {"email": "sarah@casehold.example", "first_name": "Sarah", "last_name": "Patel"},
    },
    {
        "slug": "tracky",
        "name": "Tracky Open Source",
        "country": "UG",
        "provider_type": "open_source",
        "is_verified": False,
        "description": "A volunteer-run open-source project born in a Kampala youth programme.",
        "sectors": ["education", "livelihoods", "children-youth"],
        "languages": ["en", "sw", "fr"],
        "regions_served": [],
        "member": {"email": "ivan@tracky.example", "first_name": "Ivan", "last_name": "Mugisha"},
    },
    {
        "slug": "shelflife",
        "name": "ShelfLife Software",
        "country": "US",
        "provider_type": "vendor",
        "is_verified": False,
        "description": "Inventory software made for food banks and pantries, by former food "
        "bank volunteers.",
        "sectors": ["social-protection", "humanitarian"],
        "languages": ["en", "es", "fr"],
        "regions_served": [],
        "member": {"email": "jordan@shelflife.example", "first_name": "Jordan", "last_name": "Lee"},
    },
    {
        "slug": "clinic-commons",
        "name": "Clinic Commons Foundation",
        "country": "NG",
        "provider_type": "open_source",
        "is_verified": True,
        "description": "Doctors and developers who maintain open-source clinical software for "
        "small hospitals and maternity units.",
        "sectors": ["health"],
        "languages": ["en", "fr", "ha", "sw"],
        "regions_served": [],
        "member": {
            "email": "ifeoma@clinic-commons.example",
            "first_name": "Ifeoma",
            "last_name": "Nwosu",
        },
    },
    {
        "slug": "ceiba-digital",
        "name": "Ceiba Digital",
        "country": "BR",
        "provider_type": "implementer",
        "is_verified": False,
        "description": "A small agency in Recife building websites for social organisations "
        "across Latin America and the Portuguese-speaking world.",
        "sectors": ["arts-culture-media", "education", "environment"],
        "languages": ["pt", "es", "en"],
        "regions_served": ["BR", "PE", "CO", "MX", "PT", "AO", "MZ"],
        "member": {
            "email": "rafael@ceiba-digital.example",
            "first_name": "Rafael",
            "last_name": "Souza",
        },
    },
    {
        "slug": "mapaverde",
        "name": "MapaVerde",
        "country": "PE",
        "provider_type": "open_source",
        "is_verified": True,
        "description": "Open-source mapping tools for communities who defend their land "
        "and forests.",
        "sectors": ["environment", "climate", "justice-governance"],
        "languages": ["es", "pt", "en", "fr", "id"],
        "regions_served": [],
        "member": {
            "email": "lucia@mapaverde.example",
            "first_name": "Lucía",
            "last_name": "Mamani",
        },
    },
    {
        "slug": "wellspring-maps",
        "name": "Wellspring Maps",
        "country": "GB",
        "provider_type": "pro_bono",
        "is_verified": False,
        "description": "Volunteer GIS analysts who give water and sanitation charities maps "
        "they would never have the budget for.",
        "sectors": ["water-sanitation", "health"],
        "languages": ["en", "bn", "fr"],
        "regions_served": [],
        "member": {
            "email": "owen@wellspring-maps.example",
            "first_name": "Owen",
            "last_name": "Davies",
        },
    },
    {
        "slug": "rotakind",
        "name": "RotaKind",
        "country": "GB",
        "provider_type": "vendor",
        "is_verified": True,
        "description": "Volunteer scheduling software used by charities, libraries and "
        "community groups in 30 countries.",
        "sectors": ["social-protection", "education", "refugees-migration"],
        "languages": ["en", "es", "ar", "uk", "fr"],
        "regions_served": [],
        "member": {"email": "chloe@rotakind.example", "first_name": "Chloe", "last_name": "Martin"},
    },
    {
        "slug": "hearth-crm",
        "name": "Hearth CRM",
        "country": "GB",
        "provider_type": "vendor",
        "is_verified": True,
        "description": "A supporter database for small and medium UK and Irish charities.",
        "sectors": ["health", "social-protection", "arts-culture-media"],
        "languages": ["en"],
        "regions_served": ["GB", "IE"],
        "member": {
            "email": "james@hearth-crm.example",
            "first_name": "James",
            "last_name": "Whitfield",
        },
    },
    {
        "slug": "open-civic-toolkit",
        "name": "Open Civic Toolkit",
        "country": "US",
        "provider_type": "open_source",
        "is_verified": False,
        "description": "Open-source campaigning tools built by and for grassroots organisers.",
        "sectors": ["justice-governance", "cities-infrastructure"],
        "languages": ["en", "es", "pt", "fr"],
        "regions_served": [],
        "member": {
            "email": "keisha@opencivic.example",
            "first_name": "Keisha",
            "last_name": "Brown",
        },
    },
    {
        "slug": "ledgerwise",
        "name": "Ledgerwise Volunteers",
        "country": "US",
        "provider_type": "pro_bono",
        "is_verified": False,
        "description": "Retired and working accountants who give small nonprofits free help "
        "with their books.",
        "sectors": ["social-protection"],
        "languages": ["en", "es"],
        "regions_served": ["US", "CA"],
        "member": {
            "email": "michael@ledgerwise.example",
            "first_name": "Michael",
            "last_name": "Chen",
        },
    },
    {
        "slug": "ayuda-pay",
        "name": "Ayuda Pay",
        "country": "PH",
        "provider_type": "vendor",
        "is_verified": True,
        "description": "Cash assistance technology for humanitarian agencies in South-East "
        "and South Asia.",
        "sectors": ["humanitarian", "social-protection"],
        "languages": ["tl", "en", "id", "bn"],
        "regions_served": ["PH", "ID", "BD", "NP"],
        "member": {
            "email": "carlo@ayudapay.example",
            "first_name": "Carlo",
            "last_name": "Mendoza",
        },
    },
    {
        "slug": "mesa-coop",
        "name": "Mesa Cooperative Software",
        "country": "PE",
        "provider_type": "vendor",
        "is_verified": False,
        "description": "A worker-owned software cooperative in Arequipa serving farmer "
        "cooperatives in the Andes.",
        "sectors": ["agriculture", "livelihoods"],
        "languages": ["es", "en"],
        "regions_served": ["PE", "BO", "EC", "CO"],
        "member": {
            "email": "jorge@mesa-coop.example",
            "first_name": "Jorge",
            "last_name": "Huamán",
        },
    },
    {
        "slug": "kumbi-tech",
        "name": "Kumbi Savings Tech",
        "country": "UG",
        "provider_type": "vendor",
        "is_verified": False,
        "description": "A social enterprise building simple phone apps for savings groups.",
        "sectors": ["livelihoods", "gender-equality"],
        "languages": ["en", "sw", "rw", "am"],
        "regions_served": ["UG", "KE", "TZ", "RW", "ET", "MW", "ZM"],
        "member": {
            "email": "esther@kumbi.example",
            "first_name": "Esther",
            "last_name": "Namubiru",
        },
    },
    {
        "slug": "safedesk",
        "name": "SafeDesk Collective",
        "country": "NL",
        "provider_type": "pro_bono",
        "is_verified": False,
        "description": "Security volunteers who help civil society groups protect their people "
        "and their data.",
        "sectors": ["justice-governance", "health", "digital-data"],
        "languages": ["en", "fr", "es", "ar", "am"],
        "regions_served": [],
        "member": {"email": "lena@safedesk.example", "first_name": "Lena", "last_name": "Vogel"},
    },
    {
        "slug": "sankhya-data",
        "name": "Sankhya Data Studio",
        "country": "IN",
        "provider_type": "implementer",
        "is_verified": False,
        "description": "A data team in Kolkata that turns NGOs' spreadsheets into reports and "
        "dashboards their funders can trust.",
        "sectors": ["education", "health", "digital-data"],
        "languages": ["en", "hi", "ne", "bn"],
        "regions_served": ["IN", "NP", "BD", "LK"],
        "member": {
            "email": "meera@sankhya-data.example",
            "first_name": "Meera",
            "last_name": "Iyer",
        },
    },
    {
        "slug": "grantflow",
        "name": "Grantflow",
        "country": "US",
        "provider_type": "vendor",
        "is_verified": True,
        "description": "Grant tracking software for small development teams.",
        "sectors": ["digital-data"],
        "languages": ["en", "es", "fr"],
        "regions_served": [],
        "member": {
            "email": "rachel@grantflow.example",
            "first_name": "Rachel",
            "last_name": "Adams",
        },
    },
    {
        "slug": "impactlens",
        "name": "ImpactLens",
        "country": "ZA",
        "provider_type": "vendor",
        "is_verified": False,
        "description": "Results tracking software for programme teams, built in Cape Town.",
        "sectors": ["environment", "livelihoods", "education", "health"],
        "languages": ["en", "fr", "pt", "sw"],
        "regions_served": [],
        "member": {
            "email": "sipho@impactlens.example",
            "first_name": "Sipho",
            "last_name": "Dlamini",
        },
    },
    {
        "slug": "meetwell",
        "name": "Meetwell",
        "country": "SG",
        "provider_type": "vendor",
        "is_verified": False,
        "description": "A team workspace for small organisations: calls, chat and files.",
        "sectors": ["children-youth", "education"],
        "languages": ["en", "tl", "id", "es"],
        "regions_served": [],
        "member": {"email": "nadia@meetwell.example", "first_name": "Nadia", "last_name": "Tan"},
    },
    {
        "slug": "kindly-giving",
        "name": "Kindly Giving",
        "country": "GB",
        "provider_type": "vendor",
        "is_verified": False,
        "description": "Donation pages for charities that want something simpler than a CRM.",
        "sectors": ["education", "health", "children-youth"],
        "languages": ["en"],
        "regions_served": ["GB", "US", "IE", "CA", "AU", "KE", "TZ"],
        "member": {
            "email": "oliver@kindlygiving.example",
            "first_name": "Oliver",
            "last_name": "Grant",
        },
    },
]

NEEDS = [
    {
        "organisation": "tumaini-health",
        "title": "Replace the exercise books our health volunteers carry",
        "description": (
            "Our community health volunteers visit about 400 households a month and note "
            "everything in exercise books: who is pregnant, which children missed vaccines, who "
            "was sent to the clinic. At the end of the month our two coordinators copy the books "
            "into Excel and then type the totals into DHIS2 for the county. It takes a week and "
            "we lose pages in the rain. We want the volunteers to fill in the same questions on "
            "the cheap Android phones they already have, in Swahili, with no network in most "
            "villages, and for the monthly totals to reach DHIS2 without retyping."
        ),
        "category": "data-collection",
        "systems": ["dhis2", "microsoft-excel"],
        "monthly_budget": 100,
        "deployment": "offline_mobile",
        "languages": ["sw", "en"],
        "country": "KE",
        "strict_requirements": True,
        "posted_days_ago": 40,
        "confirmed_days_ago": 12,
    },
    {
        "organisation": "tumaini-health",
        "title": "Text reminders so mothers don't miss clinic visits",
        "description": (
            "Many of the mothers we follow miss their antenatal and child vaccination dates, "
            "mostly because they forget or did not understand the card. Most have a basic phone, "
            "not a smartphone. We would like each woman to get a short text in Swahili two days "
            "before her visit, and for her to be able to reply if she cannot come so the "
            "volunteer can follow up. We have the dates in a spreadsheet today. We can pay a "
            "little each month if the cost per message is low."
        ),
        "category": "messaging",
        "systems": ["microsoft-excel"],
        "monthly_budget": 50,
        "deployment": "cloud",
        "languages": ["sw"],
        "country": "KE",
        "posted_days_ago": 25,
        "confirmed_days_ago": 25,
    },
    {
        "organisation": "ruaha-girls",
        "title": "Follow each girl's attendance, exam marks and mentor visits in one place",
        "description": (
            "We support 340 girls in 12 secondary schools. Today each mentor keeps her own "
            "Google Sheet and we chase them every term to send attendance, exam marks and notes "
            "from home visits. When a girl starts missing school we often find out too late. We "
            "want one record per girl that the mentors can update from their phones, with a "
            "warning when attendance drops, and a simple report for our funders every term. "
            "We have no money for licences, so it must be free."
        ),
        "category": "case-management",
        "systems": ["google-sheets"],
        "free_only": True,
        "deployment": "cloud",
        "languages": ["sw", "en"],
        "country": "TZ",
        "posted_days_ago": 55,
        "confirmed_days_ago": 20,
    },
    {
        "organisation": "ruaha-girls",
        "title": "Let our friends group in the UK give a small amount every month",
        "description": (
            "A group of former volunteers in England raises money for our bursaries. Right now "
            "they collect cash at events and send it once a year. Several people have asked if "
            "they can give five or ten pounds a month by card. We need a donation page we can "
            "put a link to on WhatsApp and in emails, that sends thank-you receipts, and a list "
            "of who gives that we can download into Google Sheets. We are registered in "
            "Tanzania, not in the UK."
        ),
        "category": "fundraising",
        "systems": ["google-sheets"],
        "monthly_budget": 30,
        "deployment": "cloud",
        "languages": ["en"],
        "country": "TZ",
        "status": "pending",
        "posted_days_ago": 2,
        "confirmed_days_ago": 2,
    },
    {
        "organisation": "nakawa-youth-skills",
        "title": "Keep in touch with trainees after they finish the course",
        "description": (
            "About 180 young people finish our courses every year. Funders ask how many are "
            "working or running a business six and twelve months later, and we honestly don't "
            "know. We send a Google Form on WhatsApp but few fill it in. We need a way to keep a "
            "record of every graduate, remind staff to call them at three, six and twelve "
            "months, note what they are doing now, and count the results without fighting with "
            "spreadsheets. It has to work with our Google accounts."
        ),
        "category": "case-management",
        "systems": ["google-forms", "google-sheets"],
        "monthly_budget": 80,
        "deployment": "cloud",
        "languages": ["en"],
        "country": "UG",
        "posted_days_ago": 33,
        "confirmed_days_ago": 33,
    },
    {
        "organisation": "acholi-savings",
        "title": "Record savings-group contributions on a phone without internet",
        "description": (
            "Each of our 45 savings groups writes weekly savings, loans and fines in a paper "
            "ledger kept in a locked box. Mistakes at share-out time cause arguments, and we "
            "cannot see which groups are struggling. One member in each group has an Android "
            "phone. We want the group secretary to enter the week's money on the phone during "
            "the meeting, even with no network, and for it to work out the share-out at the end "
            "of the cycle. It must be free or nearly free for the groups."
        ),
        "category": "finance-accounting",
        "free_only": True,
        "deployment": "offline_mobile",
        "languages": ["en"],
        "country": "UG",
        "deadline_in_days": 60,
        "posted_days_ago": 14,
        "confirmed_days_ago": 14,
    },
    {
        "organisation": "lantern-learning",
        "title": "WhatsApp messages to parents about attendance and homework",
        "description": (
            "Our teachers take attendance in a Google Sheet every evening. When a child is "
            "absent two days running, a teacher phones the parents, which takes hours. We would "
            "like parents to get a WhatsApp message in Hindi or Marathi when their child is "
            "absent, plus a weekly note about what the class learned, and for parents to be "
            "able to reply. Some parents share one phone between families. We have around 1,800 "
            "parents and can spend up to 150 dollars a month."
        ),
        "category": "messaging",
        "systems": ["whatsapp-business", "google-sheets"],
        "monthly_budget": 150,
        "deployment": "cloud",
        "languages": ["hi", "en"],
        "country": "IN",
        "deadline_in_days": 45,
        "posted_days_ago": 18,
        "confirmed_days_ago": 5,
    },
    {
        "organisation": "lantern-learning",
        "title": "Short video lessons our teachers can watch without data",
        "description": (
            "Our 70 teachers are young women from the community, and we train them on Saturdays. "
            "We would like them to watch short lessons on phonics and classroom games during the "
            "week, but mobile data is expensive for them. We are thinking of loading videos onto "
            "the phones or a small box in each centre, so they can learn on the bus or at home. "
            "Still drafting this one."
        ),
        "category": "e-learning",
        "one_off_budget": 2000,
        "deployment": "offline_mobile",
        "languages": ["hi"],
        "country": "IN",
        "status": "draft",
        "posted_days_ago": 6,
        "confirmed_days_ago": 6,
    },
    {
        "organisation": "sundarbans-water",
        "title": "A map of every tube well we test, with its arsenic result",
        "description": (
            "Our caretakers test around 900 tube wells twice a year with field kits and record "
            "the results in KoboToolbox, including the GPS point. Afterwards we paste everything "
            "into Excel. Union councils and families keep asking which wells are safe, and a "
            "list of numbers means nothing to them. We want a map, red and green, that anyone "
            "can open on a phone, updated after each round of tests, and that shows how each "
            "well has changed over the years. We cannot pay for this."
        ),
        "category": "mapping-gis",
        "systems": ["kobotoolbox", "microsoft-excel"],
        "free_only": True,
        "deployment": "cloud",
        "languages": ["bn", "en"],
        "country": "BD",
        "posted_days_ago": 48,
        "confirmed_days_ago": 30,
    },
    {
        "organisation": "shromik-legal-aid",
        "title": "Confidential case files for our legal aid lawyers",
        "description": (
            "Our nine lawyers and paralegals handle about 600 cases a year. Case notes live in "
            "Word files on personal laptops and an Excel list of hearing dates. If a laptop is "
            "lost, so are the workers' details, and factory owners would like to know who "
            "complained. We need one secure place for each client's file, documents and "
            "hearing dates, where each person sees only their own cases, with reminders before "
            "court dates. We would prefer to keep the data on our own server in Dhaka."
        ),
        "category": "case-management",
        "systems": ["microsoft-excel", "microsoft-365"],
        "monthly_budget": 200,
        "deployment": "self_hosted",
        "languages": ["bn", "en"],
        "country": "BD",
        "visibility": "providers",
        "posted_days_ago": 70,
        "confirmed_days_ago": 44,
    },
    {
        "organisation": "eko-food-bank",
        "title": "Know what food is on the shelves before it goes off",
        "description": (
            "We receive food from around 30 market traders and two supermarkets every week and "
            "send it out to 18 kitchens. Our stock list is a Google Sheet that three people edit "
            "and it is always wrong. Last month we threw away a lot of tomatoes and bread because "
            "nobody saw they were close to expiry. We need to record what comes in and goes out, "
            "see what expires first, and tell the kitchens on WhatsApp what they can collect."
        ),
        "category": "supply-chain",
        "systems": ["google-sheets", "whatsapp-business"],
        "monthly_budget": 60,
        "deployment": "cloud",
        "languages": ["en"],
        "country": "NG",
        "posted_days_ago": 21,
        "confirmed_days_ago": 21,
    },
    {
        "organisation": "arewa-safe-motherhood",
        "title": "Patient records for our two maternity clinics",
        "description": (
            "Our clinics see about 1,200 antenatal visits a month. Each woman has a paper "
            "folder, and when she comes back the folder is often missing, so the midwife starts "
            "again without her history. Every month a data clerk counts the folders for the "
            "state's DHIS2 report. We want a computer record for each mother and baby that the "
            "midwives can open at the desk, that keeps working when the internet is down, and "
            "that produces the monthly DHIS2 figures. We have a one-off grant for set-up."
        ),
        "category": "health-information",
        "systems": ["dhis2"],
        "monthly_budget": 300,
        "one_off_budget": 5000,
        "deployment": "self_hosted",
        "languages": ["en", "ha"],
        "country": "NG",
        "visibility": "providers",
        "deadline_in_days": 90,
        "posted_days_ago": 30,
        "confirmed_days_ago": 9,
    },
    {
        "organisation": "mare-alta-arts",
        "title": "A new website in Portuguese and English that we can update ourselves",
        "description": (
            "Our website was built by a volunteer five years ago and nobody knows the password "
            "any more. We want a simple site in Portuguese and English with our workshops, the "
            "young people's videos, a calendar of shows and a way for people abroad to donate. "
            "Our team is good with Canva and Instagram but not with code, so we need to be able "
            "to change texts and photos ourselves, and some training. We have a small grant for "
            "building it and can pay a little each month for hosting."
        ),
        "category": "websites-content",
        "systems": ["wordpress", "canva", "meta-facebook"],
        "monthly_budget": 20,
        "one_off_budget": 1500,
        "deployment": "cloud",
        "languages": ["pt", "en"],
        "country": "BR",
        "posted_days_ago": 37,
        "confirmed_days_ago": 37,
    },
    {
        "organisation": "guardioes-floresta",
        "title": "Patrol reports with photos and location, sent once back in signal",
        "description": (
            "Our monitors walk patrols of several days where there is no phone signal at all. "
            "They note new clearings, fires and logging roads on paper and take photos, and we "
            "lose a lot between the forest and the office. We need them to record each sighting "
            "on a phone with the position and photos, see their track and the territory "
            "boundaries offline, and send everything when they reach the village. Our GIS "
            "volunteer uses QGIS. Free or open-source tools only, please."
        ),
        "category": "mapping-gis",
        "systems": ["odk", "qgis"],
        "free_only": True,
        "deployment": "offline_mobile",
        "languages": ["pt"],
        "country": "BR",
        "strict_requirements": True,
        "posted_days_ago": 62,
        "confirmed_days_ago": 15,
    },
    {
        "organisation": "andean-potato-coop",
        "title": "Send market prices to 600 farmers by text message",
        "description": (
            "Traders come to the villages and tell farmers the price in Cusco is lower than it "
            "really is. Our office checks the wholesale prices every morning and sends them in a "
            "WhatsApp group, but most of our older members have basic phones and no WhatsApp. We "
            "want to send a short text in Spanish with the day's prices to all members, and "
            "twice a year ask them a few questions about their harvest by text. Our member list "
            "is in Excel."
        ),
        "category": "messaging",
        "systems": ["microsoft-excel", "whatsapp-business"],
        "monthly_budget": 40,
        "deployment": "cloud",
        "languages": ["es"],
        "country": "PE",
        "posted_days_ago": 11,
        "confirmed_days_ago": 11,
    },
    {
        "organisation": "libros-al-barrio",
        "title": "Schedule volunteer reading tutors across four libraries",
        "description": (
            "We have about 60 volunteer tutors, mostly university students, who each give two "
            "afternoons a week. Every Sunday I build the timetable in a Google Sheet and send it "
            "on WhatsApp, and every week someone doesn't show up and a group of children is left "
            "without a tutor. We would like volunteers to choose their own afternoons, swap "
            "when they can't come, get a reminder the day before, and for us to count their "
            "hours for their university certificates. We have no budget."
        ),
        "category": "volunteers-events",
        "systems": ["google-sheets"],
        "free_only": True,
        "deployment": "cloud",
        "languages": ["es"],
        "country": "PE",
        "posted_days_ago": 28,
        "confirmed_days_ago": 28,
    },
    {
        "organisation": "aire-valley-refugees",
        "title": "One place for volunteer rotas and who is helping which family",
        "description": (
            "We have 120 volunteers supporting about 70 families: lifts to appointments, "
            "English conversation, help with forms. Everything runs through WhatsApp groups and "
            "an Excel file on SharePoint, and things fall through the gaps. We need to put out a "
            "task, let a volunteer take it, remind them, and keep a short note of what happened, "
            "with the families' details visible only to the coordinators. We use Microsoft 365 "
            "and would like to sign in with those accounts."
        ),
        "category": "volunteers-events",
        "systems": ["microsoft-365", "whatsapp-business"],
        "monthly_budget": 100,
        "deployment": "cloud",
        "languages": ["en", "ar", "uk"],
        "country": "GB",
        "posted_days_ago": 45,
        "confirmed_days_ago": 19,
    },
    {
        "organisation": "aire-valley-refugees",
        "title": "Online safeguarding training for new volunteers",
        "description": (
            "Every new volunteer has to do safeguarding and data protection training before "
            "they meet a family. At the moment a trustee gives the session in person once a "
            "month, so new people wait weeks. We would like a short online course with a quiz "
            "and a record of who has passed, that we can refresh every year. We have paused "
            "this while we rewrite our safeguarding policy."
        ),
        "category": "e-learning",
        "systems": ["microsoft-365"],
        "free_only": True,
        "deployment": "cloud",
        "languages": ["en"],
        "country": "GB",
        "state": "paused",
        "posted_days_ago": 90,
        "confirmed_days_ago": 50,
    },
    {
        "organisation": "severnside-hospice-friends",
        "title": "Move our donor list out of spreadsheets and claim Gift Aid properly",
        "description": (
            "Our supporter list is three Excel files, plus the Donorbox and Mailchimp "
            "accounts, and they disagree with each other. We think we are missing thousands of "
            "pounds of Gift Aid because declarations are not recorded in one place. We want a "
            "single record for each supporter with their gifts, Gift Aid declaration and how "
            "they want to hear from us, that pulls in online donations, keeps our newsletter "
            "list in step and sends income to Xero."
        ),
        "category": "supporter-crm",
        "systems": ["xero", "mailchimp", "donorbox", "microsoft-excel"],
        "monthly_budget": 120,
        "one_off_budget": 500,
        "deployment": "cloud",
        "languages": ["en"],
        "country": "GB",
        "posted_days_ago": 26,
        "confirmed_days_ago": 26,
    },
    {
        "organisation": "eastside-tenants",
        "title": "Keep track of members, dues and which building they live in",
        "description": (
            "We have grown from one building to fourteen in two years, about 700 member "
            "households. Our Airtable base is a mess of copies and nobody trusts the numbers. "
            "We need to know who is a member, who has paid their five dollars a month, which "
            "building and landlord they have, and who our building captains are, and to send "
            "texts and emails to one building at a time. Spanish matters for about a third of "
            "our members."
        ),
        "category": "supporter-crm",
        "systems": ["airtable", "google-sheets"],
        "monthly_budget": 50,
        "deployment": "cloud",
        "languages": ["en", "es"],
        "country": "US",
        "posted_days_ago": 16,
        "confirmed_days_ago": 16,
    },
    {
        "organisation": "eastside-tenants",
        "title": "Petition and call-your-councilmember tool for our rent campaign",
        "description": (
            "This spring the city council votes on a rental inspection ordinance. We want a "
            "page where residents sign a petition, and a button that connects them by phone to "
            "their councilmember with a short script, in English and Spanish. We need to see "
            "how many calls each district made and add the signers to our member list "
            "afterwards. No budget for this, sorry."
        ),
        "category": "advocacy-civic",
        "free_only": True,
        "deployment": "cloud",
        "languages": ["en", "es"],
        "country": "US",
        "status": "pending",
        "posted_days_ago": 1,
        "confirmed_days_ago": 1,
    },
    {
        "organisation": "sonoran-pantry",
        "title": "Bookkeeping that keeps each restricted grant separate",
        "description": (
            "We have four restricted grants and a lot of small unrestricted donations. Our "
            "part-time bookkeeper tracks grant spending in a separate Excel file next to "
            "QuickBooks, and at year end the two never agree. We needed help setting up "
            "QuickBooks so every expense is tagged to a grant and we can print a budget versus "
            "actual report for each funder. A volunteer accountant set this up for us in March, "
            "so this need is now met."
        ),
        "category": "finance-accounting",
        "systems": ["quickbooks", "microsoft-excel"],
        "monthly_budget": 80,
        "deployment": "cloud",
        "languages": ["en"],
        "country": "US",
        "state": "fulfilled",
        "posted_days_ago": 140,
        "confirmed_days_ago": 35,
    },
    {
        "organisation": "visayas-bayanihan",
        "title": "Register families and send cash help after a typhoon",
        "description": (
            "After Typhoon season we give cash to around 5,000 families so they can buy what "
            "they need. Our volunteers register families on tablets with KoboToolbox, then we "
            "queue with lists at remittance centres for days. We want to register families "
            "offline, check nobody is listed twice, and send the money to their e-wallet or a "
            "pick-up point, with a record of who received what for our donors. We have one-off "
            "funding to set this up before the next season."
        ),
        "category": "payments-identity",
        "systems": ["kobotoolbox", "google-sheets"],
        "one_off_budget": 3000,
        "deployment": "offline_mobile",
        "languages": ["tl", "en"],
        "country": "PH",
        "visibility": "providers",
        "deadline_in_days": 21,
        "posted_days_ago": 9,
        "confirmed_days_ago": 9,
    },
    {
        "organisation": "kuya-ate-mentors",
        "title": "Video calls and shared files for 80 volunteer mentors",
        "description": (
            "Our mentors meet their mentees every week, and once a month all mentors meet with "
            "our two staff. We use free Zoom calls that cut off after 40 minutes and everyone's "
            "notes are in their own Google Drive. We would like one space where mentors can "
            "join calls without a time limit, keep shared guides and session plans, and chat "
            "with each other. We already have Google Workspace for nonprofits. We cannot pay "
            "for this."
        ),
        "category": "collaboration",
        "systems": ["google-workspace", "zoom"],
        "free_only": True,
        "deployment": "cloud",
        "languages": ["tl", "en"],
        "country": "PH",
        "posted_days_ago": 52,
        "confirmed_days_ago": 40,
    },
    {
        "organisation": "ubumwe-deaf-youth",
        "title": "Online lessons with sign-language video and captions",
        "description": (
            "We teach Rwandan Sign Language to parents of deaf children and run short "
            "courses in computer skills for deaf young people. Most online courses we find "
            "are useless for our members: long texts, videos without captions, no signing. We "
            "want to put our lessons online with a signer in every video, captions in "
            "Kinyarwanda and English, and simple quizzes, and to share links to them on "
            "WhatsApp. Learners mostly use phones."
        ),
        "category": "e-learning",
        "systems": ["whatsapp-business", "google-workspace"],
        "monthly_budget": 50,
        "deployment": "cloud",
        "languages": ["rw", "en"],
        "country": "RW",
        "posted_days_ago": 23,
        "confirmed_days_ago": 23,
    },
    {
        "organisation": "sika-waste-pickers",
        "title": "Show buyers and funders how much plastic our members collect",
        "description": (
            "Our members weigh their sorted plastic at three collection points, and the "
            "weights are sent in a Google Form. Recycling companies and a funder want monthly "
            "figures: kilos by type of plastic, by collection point and by member, and how much "
            "members earned. Right now one of us spends days adding it up. We need those "
            "figures on a page we can share, updated by themselves, and to see the trend over "
            "the year."
        ),
        "category": "monitoring-evaluation",
        "systems": ["google-forms", "whatsapp-business"],
        "monthly_budget": 30,
        "deployment": "cloud",
        "languages": ["en"],
        "country": "GH",
        "posted_days_ago": 8,
        "confirmed_days_ago": 8,
    },
    {
        "organisation": "tesfa-peer-support",
        "title": "Keep counselling notes safe: passwords, backups and lost phones",
        "description": (
            "Our 25 peer counsellors write session notes and share them with supervisors on "
            "Microsoft 365 and Telegram. Last year a counsellor's phone was stolen with client "
            "chats on it. We know we need proper passwords, two-step sign-in, backups and rules "
            "for phones, but nobody on our team knows where to start. We would like someone to "
            "check what we have, set it up with us and train the team in Amharic if possible."
        ),
        "category": "it-security",
        "systems": ["microsoft-365", "telegram"],
        "one_off_budget": 800,
        "deployment": "cloud",
        "languages": ["am", "en"],
        "country": "ET",
        "posted_days_ago": 31,
        "confirmed_days_ago": 31,
    },
    {
        "organisation": "himalayan-school-meals",
        "title": "One page of meals served for our funders instead of 40 spreadsheets",
        "description": (
            "Each of our 40 schools sends a Google Sheet every month with meals served, "
            "attendance, food delivered and cost. Putting them together takes our programme "
            "officer ten days, and the two big funders each want the figures in their own "
            "format. We want the sheets to flow into one place automatically, with a dashboard "
            "by school and district that funders can look at any time, and a warning when a "
            "school's numbers look wrong."
        ),
        "category": "monitoring-evaluation",
        "systems": ["google-sheets"],
        "monthly_budget": 100,
        "one_off_budget": 1000,
        "deployment": "cloud",
        "languages": ["ne", "en"],
        "country": "NP",
        "posted_days_ago": 19,
        "confirmed_days_ago": 19,
    },
    {
        "organisation": "coromandel-fisherfolk",
        "title": "Stop missing grant deadlines and report dates",
        "description": (
            "We have six funders, each with its own calendar of reports and renewals, and a "
            "long list of foundations we want to apply to. The dates are in emails and in the "
            "director's head. Twice this year we sent a report late. We want one list of every "
            "grant with its stage, amounts, deadlines and who is writing what, reminders a few "
            "weeks before each date, and a shared calendar. It should be free for a team of "
            "four."
        ),
        "category": "fundraising",
        "systems": ["google-workspace"],
        "free_only": True,
        "deployment": "cloud",
        "languages": ["en"],
        "country": "IN",
        "posted_days_ago": 12,
        "confirmed_days_ago": 12,
    },
]

OFFERINGS = [
    {
        "organisation": "fieldnote-labs",
        "name": "FieldNote Collect",
        "summary": "Mobile forms for field teams that work offline on Android and send "
        "aggregate figures straight to DHIS2.",
        "description": (
            "FieldNote Collect turns your paper questionnaires into forms on an Android phone. "
            "Enumerators and community workers fill them in with no connection at all; "
            "submissions wait on the phone and upload when there is signal. Build forms in our "
            "editor or upload an XLSForm you already use with ODK or KoboToolbox. Skip logic, "
            "GPS, photos and barcode scanning are built in. A mapping screen links your form "
            "fields to DHIS2 data elements, so monthly totals are pushed to the national "
            "system without retyping. Data can also be exported to Excel or CSV, or read live "
            "from Power BI. The interface is available in English, Swahili, French, Portuguese, "
            "Spanish, Hindi and Bengali. Registered nonprofits get the team plan at a third of "
            "the list price."
        ),
        "categories": ["data-collection", "monitoring-evaluation"],
        "sectors": ["health", "agriculture", "humanitarian"],
        "systems": ["dhis2", "kobotoolbox", "odk", "microsoft-excel", "google-sheets", "power-bi"],
        "standards": ["xforms-xlsform", "csv", "excel-xlsx", "rest-api", "json", "adx-sdmx"],
        "cloud": True,
        "offline_mobile": True,
        "pricing_model": "nonprofit_discount",
        "list_price_monthly": 120,
        "nonprofit_price_monthly": 40,
        "setup_cost": 0,
        "languages": ["en", "sw", "fr", "pt", "es", "hi", "bn"],
        "regions": [],
        "website": "https://collect.fieldnote.example",
        "is_featured": True,
        "posted_days_ago": 120,
        "confirmed_days_ago": 10,
    },
    {
        "organisation": "kaya-health-project",
        "name": "Kaya CHW",
        "summary": "Open-source app for community health workers: household registers, visit "
        "checklists, follow-up tasks and referrals, fully offline.",
        "description": (
            "Kaya CHW is built for community health programmes. Each health worker keeps a "
            "register of the households in her area on a low-cost Android phone. The app "
            "guides her through pregnancy, newborn and child visits with simple checklists, "
            "flags danger signs, and creates follow-up tasks so no one is forgotten. Referrals "
            "are tracked until the person reaches the facility. Everything works without a "
            "network and syncs to your own server when a connection appears. Supervisors see "
            "each worker's visits and overdue tasks. Monthly indicators can be sent to DHIS2 "
            "as aggregate data, and individual records can be shared with a facility system "
            "through FHIR. The software is free under the AGPL; you host it yourself or with "
            "a partner."
        ),
        "categories": ["health-information", "data-collection", "case-management"],
        "sectors": ["health"],
        "systems": ["dhis2", "openmrs", "microsoft-excel"],
        "standards": ["fhir", "adx-sdmx", "rest-api", "json", "csv"],
        "cloud": False,
        "self_hosted": True,
        "offline_mobile": True,
        "pricing_model": "free_open_source",
        "nonprofit_price_monthly": 0,
        "setup_cost": 0,
        "licence": "AGPL-3.0-only",
        "languages": ["en", "fr", "sw", "pt", "am"],
        "regions": [],
        "website": "https://kaya-health.example",
        "repository": "https://code.kaya-health.example/kaya-chw",
        "is_featured": True,
        "posted_days_ago": 150,
        "confirmed_days_ago": 22,
    },
    {
        "organisation": "savanna-digital",
        "name": "Clinic EHR set-up and support",
        "summary": "We install and look after an electronic medical record for small clinics "
        "and connect it to DHIS2 reporting, with training for clinical staff.",
        "description": (
            "Many clinics want an electronic medical record but have no IT staff. We do the "
            "whole job: choose an open-source EMR with you, install it on a small local server "
            "that keeps working when the internet goes down, set up forms for your services "
            "(antenatal care, delivery, immunisation, outpatients), and connect it so the "
            "monthly DHIS2 report fills itself in. We train nurses, midwives and records "
            "clerks on site, then stay on call for support and updates. We work in Kenya, "
            "Uganda, Tanzania, Rwanda and Ethiopia. The set-up fee covers one facility; the "
            "monthly fee covers remote support, backups and updates."
        ),
        "categories": ["health-information", "data-platforms"],
        "sectors": ["health"],
        "systems": ["dhis2", "openmrs"],
        "standards": ["fhir", "hl7-v2", "adx-sdmx", "rest-api", "csv"],
        "cloud": True,
        "self_hosted": True,
        "pricing_model": "paid",
        "list_price_monthly": 400,
        "nonprofit_price_monthly": 250,
        "setup_cost": 4000,
        "languages": ["en", "sw", "am"],
        "regions": ["KE", "UG", "TZ", "RW", "ET"],
        "website": "https://savanna-digital.example/clinics",
        "posted_days_ago": 80,
        "confirmed_days_ago": 33,
    },
    {
        "organisation": "savanna-digital",
        "name": "Mobile money payout integration",
        "summary": "Connect your beneficiary lists to mobile money so stipends and cash "
        "transfers reach people's phones, with a full audit trail.",
        "description": (
            "If you pay stipends, transport refunds or cash transfers, we can connect your "
            "lists to mobile money providers such as M-Pesa. You upload or sync a list of "
            "recipients, a second person approves the batch, and payments go out to phones "
            "within minutes. Failed payments are retried or flagged, and every transaction "
            "is kept for your auditors and donors. We work from the data you already keep in "
            "spreadsheets, KoboToolbox or your case management system. Pricing depends on "
            "volumes and on the provider's fees, so we quote after a first call."
        ),
        "categories": ["payments-identity"],
        "sectors": ["social-protection", "humanitarian"],
        "systems": ["m-pesa", "kobotoolbox", "google-sheets", "microsoft-excel"],
        "standards": ["rest-api", "csv", "excel-xlsx", "webhooks"],
        "cloud": True,
        "pricing_model": "paid",
        "languages": ["en", "sw"],
        "regions": ["KE", "UG", "TZ", "RW"],
        "website": "https://savanna-digital.example/payouts",
        "posted_days_ago": 60,
        "confirmed_days_ago": 33,
    },
    {
        "organisation": "textbridge",
        "name": "TextBridge Messaging",
        "summary": "Two-way SMS and chat messaging platform: scheduled reminders, replies and "
        "opt-outs handled for you, on basic phones and smartphones alike.",
        "description": (
            "TextBridge sends and receives text messages across operators in six African "
            "countries, and over WhatsApp where people have it. Upload a contact list from "
            "Excel or connect a Google Sheet, write the message once with fields such as the "
            "person's name and appointment date, and schedule it. Replies land in a shared "
            "inbox so your team can answer or follow up, and keywords like STOP are handled "
            "automatically. Reminder series (for example two days and one day before a visit) "
            "are set up once and run on their own. You pay per message at local rates; "
            "nonprofits get the platform fee halved. Messages support Swahili, Hausa, Yoruba, "
            "French and English characters."
        ),
        "categories": ["messaging"],
        "sectors": ["health", "agriculture", "education"],
        "systems": [
            "africas-talking",
            "whatsapp-business",
            "google-sheets",
            "microsoft-excel",
            "zapier",
        ],
        "standards": ["rest-api", "openapi", "webhooks", "csv", "json"],
        "cloud": True,
        "pricing_model": "nonprofit_discount",
        "list_price_monthly": 60,
        "nonprofit_price_monthly": 30,
        "setup_cost": 0,
        "languages": ["en", "sw", "ha", "yo", "fr"],
        "regions": ["KE", "UG", "TZ", "NG", "GH", "RW"],
        "website": "https://textbridge.example",
        "is_featured": True,
        "posted_days_ago": 100,
        "confirmed_days_ago": 4,
    },
    {
        "organisation": "textbridge",
        "name": "TextBridge USSD & SMS Surveys",
        "summary": "Run short surveys on any phone by USSD menu or SMS, no app or data bundle "
        "needed, with answers in a live spreadsheet.",
        "description": (
            "Not everyone has a smartphone. With TextBridge Surveys, people dial a short code "
            "or answer a text and go through a few questions on the most basic phone, free of "
            "charge to them. Use it for quick check-ins with farmers or patients, feedback "
            "after a service, or registering for a programme. Answers arrive in a dashboard "
            "and can be synced to Google Sheets or pulled through our API. You can send an "
            "airtime top-up as a thank-you to people who complete the survey. The monthly fee "
            "covers one short code; messages and sessions are billed at cost."
        ),
        "categories": ["data-collection", "messaging"],
        "sectors": ["agriculture", "health"],
        "systems": ["africas-talking", "google-sheets", "microsoft-excel"],
        "standards": ["rest-api", "webhooks", "csv", "excel-xlsx"],
        "cloud": True,
        "pricing_model": "paid",
        "list_price_monthly": 150,
        "nonprofit_price_monthly": 150,
        "setup_cost": 200,
        "languages": ["en", "sw", "ha", "yo"],
        "regions": ["KE", "UG", "TZ", "NG", "GH"],
        "website": "https://textbridge.example/surveys",
        "posted_days_ago": 45,
        "confirmed_days_ago": 4,
    },
    {
        "organisation": "chalkline",
        "name": "Chalkline Parent Connect",
        "summary": "Two-way messaging between schools and families over WhatsApp and SMS, "
        "with automatic absence alerts from your attendance sheet.",
        "description": (
            "Parent Connect keeps families in the loop without teachers spending evenings on "
            "the phone. Connect your attendance register, whether a Google Sheet or our own "
            "app, and parents get an automatic WhatsApp message when their child is absent, "
            "falling back to SMS for basic phones. Teachers send homework notes and weekly "
            "updates to a class in one go, and parents can reply; replies go to the right "
            "teacher, not a personal number. Message templates come ready in Hindi, Marathi, "
            "Bengali, Nepali and English, and voice notes help parents who cannot read. "
            "Nonprofit schools and education NGOs pay less than half the list price."
        ),
        "categories": ["messaging", "e-learning"],
        "sectors": ["education", "children-youth"],
        "systems": ["whatsapp-business", "google-sheets", "google-workspace"],
        "standards": ["rest-api", "csv", "webhooks"],
        "cloud": True,
        "pricing_model": "nonprofit_discount",
        "list_price_monthly": 140,
        "nonprofit_price_monthly": 55,
        "setup_cost": 100,
        "languages": ["hi", "en", "bn", "ne"],
        "regions": ["IN", "BD", "NP", "LK"],
        "website": "https://parentconnect.chalkline.example",
        "posted_days_ago": 75,
        "confirmed_days_ago": 13,
    },
    {
        "organisation": "lumbre-learning",
        "name": "Lumbre Offline Classroom",
        "summary": "Open-source learning platform that runs on a small local server or on "
        "tablets, so videos, courses and quizzes work with no internet.",
        "description": (
            "Lumbre Offline Classroom puts a whole course library on a low-cost box, a "
            "Raspberry Pi or an old laptop, that makes its own Wi-Fi. Learners and teachers "
            "connect with any phone or tablet and watch videos, read and take quizzes without "
            "spending data. Progress is saved locally and synced to a central server whenever "
            "a connection is available, so coordinators can follow who completed what. You can "
            "import open content libraries or load your own videos and lessons, including "
            "teacher training. It also runs as an Android app that keeps downloaded courses "
            "for offline use. Free under the GPL; our community forum helps with set-up."
        ),
        "categories": ["e-learning"],
        "sectors": ["education"],
        "systems": ["kolibri", "moodle"],
        "standards": ["csv", "rest-api", "wcag"],
        "cloud": False,
        "self_hosted": True,
        "offline_mobile": True,
        "pricing_model": "free_open_source",
        "nonprofit_price_monthly": 0,
        "setup_cost": 0,
        "licence": "GPL-3.0-or-later",
        "languages": ["es", "en", "pt", "hi", "sw"],
        "regions": [],
        "website": "https://lumbre.example",
        "repository": "https://code.lumbre.example/offline-classroom",
        "is_featured": True,
        "posted_days_ago": 130,
        "confirmed_days_ago": 27,
    },
    {
        "organisation": "signs-and-screens",
        "name": "Accessible course makeover",
        "summary": "Volunteers add sign-language video, captions and accessible quizzes to "
        "your online courses, free for disability-led organisations.",
        "description": (
            "We take the lessons you already teach and turn them into online courses deaf and "
            "disabled learners can actually use. Our interpreters and deaf presenters record "
            "signed versions of each lesson, our editors add captions in your languages, and "
            "our developers build the course in Moodle or Google Classroom with short quizzes "
            "and plain layouts that work on a phone screen. Everything follows WCAG so it also "
            "works with screen readers. We leave you with templates and a short training so "
            "your own team can add new lessons. The work is free; we take two or three projects "
            "a season, with priority for organisations run by disabled people."
        ),
        "categories": ["e-learning", "websites-content"],
        "sectors": ["disability", "education"],
        "systems": ["moodle", "google-workspace", "whatsapp-business"],
        "standards": ["wcag"],
        "cloud": True,
        "pricing_model": "free_open_source",
        "nonprofit_price_monthly": 0,
        "setup_cost": 0,
        "languages": ["en", "fr", "rw"],
        "regions": [],
        "website": "https://signs-screens.example",
        "posted_days_ago": 35,
        "confirmed_days_ago": 35,
    },
    {
        "organisation": "casehold",
        "name": "CaseHold Case Management",
        "summary": "Secure case management for advice and legal aid teams: client files, "
        "documents, court and hearing dates, and per-caseworker permissions.",
        "description": (
            "CaseHold gives every client one file: contact details, case history, documents, "
            "notes and upcoming dates. Caseworkers see only the cases assigned to them unless "
            "a supervisor grants more. Hearing and deadline reminders arrive by email or in "
            "the app. Notes and documents are encrypted, every view is logged, and staff sign "
            "in with your Microsoft 365 accounts. Bring your existing Excel lists in with our "
            "import tool. Reports count cases by type, outcome and caseworker for funders. Run "
            "it in our cloud, or on your own server if your clients' safety requires the data "
            "to stay in-country. Charities get 60% off."
        ),
        "categories": ["case-management", "it-security"],
        "sectors": ["justice-governance", "refugees-migration", "social-protection"],
        "systems": ["microsoft-365", "microsoft-excel"],
        "standards": ["rest-api", "csv", "excel-xlsx", "sso-saml", "oauth2-openid-connect"],
        "cloud": True,
        "self_hosted": True,
        "pricing_model": "nonprofit_discount",
        "list_price_monthly": 350,
        "nonprofit_price_monthly": 140,
        "setup_cost": 600,
        "languages": ["en", "bn", "ar", "fr", "es", "uk"],
        "regions": [],
        "website": "https://casehold.example",
        "posted_days_ago": 110,
        "confirmed_days_ago": 18,
    },
    {
        "organisation": "tracky",
        "name": "Tracky Participant Tracker",
        "summary": "Free, open-source beneficiary tracking for youth and education "
        "programmes: attendance, results, follow-up calls and alerts.",
        "description": (
            "Tracky keeps one profile per participant, whether a student, trainee or mentee, "
            "with attendance, assessment results, notes from visits or calls and where they "
            "are now. Staff use it from a phone browser, and it keeps working offline until "
            "the connection returns. Set follow-up schedules, for example calls at three, six "
            "and twelve months after graduation, and Tracky reminds the right person. Alerts "
            "flag anyone whose attendance is falling. Import your existing Google Sheets or "
            "Google Forms responses in a few clicks and export everything back to a "
            "spreadsheet whenever you like. Free hosting for programmes under 1,000 "
            "participants, or run it yourself: it is MIT-licensed."
        ),
        "categories": ["case-management", "monitoring-evaluation"],
        "sectors": ["education", "livelihoods", "children-youth"],
        "systems": ["google-sheets", "google-forms", "microsoft-excel"],
        "standards": ["csv", "excel-xlsx", "rest-api", "json"],
        "cloud": True,
        "self_hosted": True,
        "offline_mobile": True,
        "pricing_model": "free_open_source",
        "nonprofit_price_monthly": 0,
        "setup_cost": 0,
        "licence": "MIT",
        "languages": ["en", "sw", "fr"],
        "regions": [],
        "website": "https://tracky.example",
        "repository": "https://code.tracky.example/tracky",
        "posted_days_ago": 95,
        "confirmed_days_ago": 41,
    },
    {
        "organisation": "shelflife",
        "name": "ShelfLife Inventory",
        "summary": "Stock control for food banks and pantries: scan donations in, track expiry "
        "dates, and let partner kitchens see what is available.",
        "description": (
            "ShelfLife tracks every donation from the moment it arrives. Scan a barcode or pick "
            "from a list, enter the weight and best-before date, and it goes on the shelf. The "
            "stock screen puts items closest to expiry at the top, so they go out first. "
            "Partner kitchens and agencies get a link where they see what is available and "
            "place orders, and ShelfLife can post the day's list to a WhatsApp group. Reports "
            "show pounds or kilos received and distributed by donor and by partner, which "
            "funders often ask for. The free plan covers one site; multi-site stock and "
            "ordering are in the paid plan, discounted for charities."
        ),
        "categories": ["supply-chain"],
        "sectors": ["social-protection", "humanitarian"],
        "systems": ["google-sheets", "whatsapp-business", "microsoft-excel"],
        "standards": ["gs1", "csv", "excel-xlsx"],
        "cloud": True,
        "offline_mobile": True,
        "pricing_model": "freemium",
        "list_price_monthly": 79,
        "nonprofit_price_monthly": 29,
        "setup_cost": 0,
        "languages": ["en", "es", "fr"],
        "regions": [],
        "website": "https://shelflife.example",
        "posted_days_ago": 65,
        "confirmed_days_ago": 29,
    },
    {
        "organisation": "clinic-commons",
        "name": "MamaChart EHR",
        "summary": "Open-source electronic health record for maternity units: antenatal, "
        "delivery and postnatal care, with DHIS2 monthly reports built in.",
        "description": (
            "MamaChart is an EHR designed around the care of mothers and newborns. Midwives "
            "register each woman once and see her full history at every visit: antenatal "
            "checks, scans, lab results, birth plan, delivery and postnatal care, and the "
            "baby's record linked to hers. It runs on a local server in the clinic, so it keeps "
            "working through power and network cuts, and syncs to a central copy when online. "
            "Monthly facility reports are produced automatically in the format DHIS2 expects, "
            "and records can be exchanged with other systems through FHIR. It is built on the "
            "OpenMRS platform and is free under the MPL. Our partner list includes "
            "implementers who install it."
        ),
        "categories": ["health-information"],
        "sectors": ["health", "gender-equality"],
        "systems": ["openmrs", "dhis2"],
        "standards": ["fhir", "hl7-v2", "adx-sdmx", "rest-api", "csv"],
        "cloud": False,
        "self_hosted": True,
        "pricing_model": "free_open_source",
        "nonprofit_price_monthly": 0,
        "setup_cost": 0,
        "licence": "MPL-2.0",
        "languages": ["en", "fr", "ha", "sw"],
        "regions": [],
        "website": "https://mamachart.example",
        "repository": "https://code.clinic-commons.example/mamachart",
        "is_featured": True,
        "posted_days_ago": 160,
        "confirmed_days_ago": 7,
    },
    {
        "organisation": "ceiba-digital",
        "name": "Ceiba Nonprofit Websites",
        "summary": "Bilingual websites for social organisations that your own team can edit, "
        "with a donation page, events calendar, video gallery and hosting.",
        "description": (
            "We design and build websites for social organisations on WordPress, in "
            "Portuguese, Spanish and English. You get a clean site with your projects, news, a "
            "calendar of events, a gallery for photos and videos, and a donation page that "
            "accepts cards and PayPal from abroad and Pix in Brazil. We set it up so changing a "
            "text or a photo is as easy as editing a social media post, and we spend two "
            "training sessions with your team. Your Instagram and Facebook posts can appear on "
            "the home page automatically. The set-up fee covers design and building; the "
            "monthly fee covers hosting, security updates and backups."
        ),
        "categories": ["websites-content", "fundraising"],
        "sectors": ["arts-culture-media", "education", "environment"],
        "systems": ["wordpress", "meta-facebook", "canva", "paypal"],
        "standards": ["wcag", "rest-api"],
        "cloud": True,
        "pricing_model": "nonprofit_discount",
        "list_price_monthly": 60,
        "nonprofit_price_monthly": 25,
        "setup_cost": 1400,
        "languages": ["pt", "es", "en"],
        "regions": ["BR", "PE", "CO", "MX", "PT", "AO", "MZ"],
        "website": "https://ceiba-digital.example",
        "posted_days_ago": 50,
        "confirmed_days_ago": 24,
    },
    {
        "organisation": "mapaverde",
        "name": "MapaVerde Patrol",
        "summary": "Offline mapping app for forest and territory monitors: record sightings "
        "with GPS and photos, follow tracks and boundaries, sync later.",
        "description": (
            "MapaVerde Patrol is made for monitors who spend days far from any signal. Before "
            "leaving, they download satellite imagery and the territory's boundaries to the "
            "phone. On patrol the app records their track, and each sighting, a clearing, fire, "
            "road or mining site, is saved with position, photos and a short form. When the "
            "team is back in range, everything syncs to the community's own server or our free "
            "hosted one. Data opens directly in QGIS and exports as GeoJSON or KML for reports "
            "and legal complaints. Forms can be written as XLSForm, so existing ODK forms work. "
            "Free and open source under the GPL."
        ),
        "categories": ["mapping-gis", "data-collection"],
        "sectors": ["environment", "climate", "justice-governance"],
        "systems": ["qgis", "odk", "kobotoolbox"],
        "standards": ["geojson", "ogc-gis", "xforms-xlsform", "csv"],
        "cloud": True,
        "self_hosted": True,
        "offline_mobile": True,
        "pricing_model": "free_open_source",
        "nonprofit_price_monthly": 0,
        "setup_cost": 0,
        "licence": "GPL-3.0-only",
        "languages": ["es", "pt", "en", "fr", "id"],
        "regions": [],
        "website": "https://mapaverde.example",
        "repository": "https://code.mapaverde.example/patrol",
        "is_featured": True,
        "posted_days_ago": 140,
        "confirmed_days_ago": 16,
    },
    {
        "organisation": "wellspring-maps",
        "name": "Water point mapping sprint",
        "summary": "Volunteer GIS analysts turn your water point survey data into a public "
        "web map showing which sources are safe, kept up to date.",
        "description": (
            "Send us the data you already collect about wells, boreholes and taps, from "
            "KoboToolbox, ODK or a spreadsheet with coordinates, and a team of volunteer GIS "
            "analysts will build a web map that anyone can open on a phone. Each water point "
            "shows its latest test results in plain colours, with its history when you tap it. "
            "We connect the map to your survey so new results appear after each testing "
            "round, and we can add labels in your local language. We also hand over the data "
            "as GeoJSON and a QGIS project so it stays yours. There is no charge; sprints run "
            "four to six weeks."
        ),
        "categories": ["mapping-gis", "monitoring-evaluation"],
        "sectors": ["water-sanitation", "health"],
        "systems": ["kobotoolbox", "odk", "microsoft-excel", "qgis", "arcgis"],
        "standards": ["geojson", "ogc-gis", "csv"],
        "cloud": True,
        "pricing_model": "free_open_source",
        "nonprofit_price_monthly": 0,
        "setup_cost": 0,
        "languages": ["en", "bn", "fr"],
        "regions": [],
        "website": "https://wellspring-maps.example",
        "posted_days_ago": 42,
        "confirmed_days_ago": 42,
    },
    {
        "organisation": "rotakind",
        "name": "RotaKind Volunteer Scheduler",
        "summary": "Volunteers pick their own shifts, swap them and get reminders; you see "
        "who is coming and count their hours.",
        "description": (
            "RotaKind replaces the weekly scramble of building a rota by hand. Publish shifts "
            "or one-off tasks, and volunteers sign up from their phones, with no app to "
            "install. They can swap a shift with someone else or drop it, and coordinators are "
            "told at once if a slot is left empty. Reminders go out by email and text the day "
            "before. Hours are logged automatically and can be printed as certificates for "
            "students or exported for funders. Private notes, visible only to coordinators, "
            "keep track of who is supporting whom. Staff sign in with Microsoft or Google "
            "accounts. Free for up to 50 volunteers; charity pricing beyond that."
        ),
        "categories": ["volunteers-events", "collaboration"],
        "sectors": ["social-protection", "education", "refugees-migration"],
        "systems": ["microsoft-365", "google-workspace", "google-sheets", "whatsapp-business"],
        "standards": ["ical", "csv", "sso-saml", "oauth2-openid-connect"],
        "cloud": True,
        "pricing_model": "freemium",
        "list_price_monthly": 45,
        "nonprofit_price_monthly": 20,
        "setup_cost": 0,
        "languages": ["en", "es", "ar", "uk", "fr"],
        "regions": [],
        "website": "https://rotakind.example",
        "is_featured": True,
        "posted_days_ago": 170,
        "confirmed_days_ago": 3,
    },
    {
        "organisation": "hearth-crm",
        "name": "Hearth Supporter CRM",
        "summary": "A supporter database for UK and Irish charities: one record per person, "
        "Gift Aid claims, consent, and sync with your donation and email tools.",
        "description": (
            "Hearth brings your supporters into one place. Each person has a single record "
            "with their donations, event entries, Gift Aid declaration and contact "
            "preferences. Online gifts flow in from Donorbox and other donation forms, email "
            "lists stay in step with Mailchimp, and income is posted to Xero. Hearth prepares "
            "your Gift Aid claim file for HMRC, which is often where small charities find "
            "money they were missing. Our team moves your old spreadsheets in for you and "
            "removes duplicates as part of set-up. Registered charities pay about half the "
            "list price."
        ),
        "categories": ["supporter-crm", "fundraising"],
        "sectors": ["health", "social-protection", "arts-culture-media"],
        "systems": ["donorbox", "mailchimp", "xero", "microsoft-excel", "stripe"],
        "standards": ["csv", "excel-xlsx", "rest-api", "webhooks"],
        "cloud": True,
        "pricing_model": "nonprofit_discount",
        "list_price_monthly": 95,
        "nonprofit_price_monthly": 49,
        "setup_cost": 300,
        "languages": ["en"],
        "regions": ["GB", "IE"],
        "website": "https://hearth-crm.example",
        "is_featured": True,
        "posted_days_ago": 125,
        "confirmed_days_ago": 6,
    },
    {
        "organisation": "open-civic-toolkit",
        "name": "Rallypoint",
        "summary": "Open-source organising tool: member lists with dues, petitions, "
        "patch-through calls to officials, and texts to one group at a time.",
        "description": (
            "Rallypoint is built for unions, tenant groups and community organisations. Keep "
            "your members with their address, building or workplace, dues status and role. "
            "Launch a petition page in minutes and send signers straight into your member "
            "list. A click-to-call tool connects supporters to the right elected official by "
            "phone with a script on screen, and you see how many calls each district made. "
            "Send texts and emails to one building or group at a time. Everything is "
            "available in English and Spanish. It is free and open source; self-host it, or "
            "use our hosted service, free for groups under 5,000 members."
        ),
        "categories": ["advocacy-civic", "supporter-crm"],
        "sectors": ["justice-governance", "cities-infrastructure"],
        "systems": ["civicrm", "airtable", "google-sheets", "twilio"],
        "standards": ["csv", "rest-api", "json", "webhooks"],
        "cloud": True,
        "self_hosted": True,
        "pricing_model": "free_open_source",
        "nonprofit_price_monthly": 0,
        "setup_cost": 0,
        "licence": "AGPL-3.0-or-later",
        "languages": ["en", "es", "pt", "fr"],
        "regions": [],
        "website": "https://rallypoint.example",
        "repository": "https://code.opencivic.example/rallypoint",
        "posted_days_ago": 85,
        "confirmed_days_ago": 38,
    },
    {
        "organisation": "ledgerwise",
        "name": "Fund accounting set-up, pro bono",
        "summary": "Volunteer accountants set up your books so each restricted grant is "
        "tracked on its own, with budget-versus-actual reports for funders.",
        "description": (
            "Small organisations often keep grant spending in a spreadsheet next to their "
            "accounting software, and the two never match. A volunteer accountant from our "
            "network will spend three or four sessions with you and your bookkeeper: they "
            "review your chart of accounts, set up classes or tracking categories for each "
            "grant in QuickBooks or Xero, clean up the current year, and build report "
            "templates that show each funder what was spent against budget. We also leave a "
            "short month-end checklist. Free for nonprofits in the United States and Canada "
            "with budgets under two million dollars."
        ),
        "categories": ["finance-accounting"],
        "sectors": ["social-protection"],
        "systems": ["quickbooks", "xero", "microsoft-excel"],
        "standards": ["csv", "excel-xlsx"],
        "cloud": True,
        "pricing_model": "free_open_source",
        "nonprofit_price_monthly": 0,
        "setup_cost": 0,
        "languages": ["en", "es"],
        "regions": ["US", "CA"],
        "website": "https://ledgerwise.example",
        "posted_days_ago": 200,
        "confirmed_days_ago": 58,
    },
    {
        "organisation": "ayuda-pay",
        "name": "Ayuda Pay Disbursements",
        "summary": "Cash assistance from registration to receipt: offline beneficiary "
        "enrolment, duplicate checks and payouts to e-wallets or pick-up points.",
        "description": (
            "Ayuda Pay handles the whole cash assistance cycle. Field teams enrol households "
            "on tablets, offline if need be, or import registrations from KoboToolbox. The "
            "system checks for people registered twice, by name, date of birth and ID "
            "number, before anyone is approved. Approved payments go out to e-wallets, bank "
            "accounts or over-the-counter pick-up points, and recipients get a text with their "
            "claim code. A live dashboard shows who has been paid and who has not, and every "
            "step is recorded for audit and donor reports. Pricing depends on the number of "
            "recipients and the payment channels you use, so please ask us for a quote."
        ),
        "categories": ["payments-identity", "case-management"],
        "sectors": ["humanitarian", "social-protection"],
        "systems": ["kobotoolbox", "google-sheets", "microsoft-excel"],
        "standards": ["rest-api", "csv", "excel-xlsx", "xforms-xlsform"],
        "cloud": True,
        "offline_mobile": True,
        "pricing_model": "paid",
        "languages": ["tl", "en", "id", "bn"],
        "regions": ["PH", "ID", "BD", "NP"],
        "website": "https://ayudapay.example",
        "posted_days_ago": 90,
        "confirmed_days_ago": 11,
    },
    {
        "organisation": "mesa-coop",
        "name": "Cosecha Alerts",
        "summary": "Daily crop prices and short farmer surveys by SMS and WhatsApp, for "
        "cooperatives and farmer organisations in the Andes.",
        "description": (
            "Cosecha Alerts helps cooperatives keep their members informed. Each morning your "
            "staff enter the day's wholesale prices in a simple form, and every member gets a "
            "short text in Spanish, or a WhatsApp message if they use it. Members can reply to "
            "ask for the price of another product. Twice a year, or whenever you need it, send "
            "a short survey by text to learn about planting, harvest and losses; results "
            "appear in a spreadsheet. Import your member list from Excel and group members by "
            "community or crop. Farmer organisations get a discount, and the set-up fee "
            "includes a training day."
        ),
        "categories": ["messaging", "data-collection"],
        "sectors": ["agriculture", "livelihoods"],
        "systems": ["microsoft-excel", "whatsapp-business", "google-sheets"],
        "standards": ["csv", "excel-xlsx"],
        "cloud": True,
        "pricing_model": "nonprofit_discount",
        "list_price_monthly": 70,
        "nonprofit_price_monthly": 35,
        "setup_cost": 150,
        "languages": ["es", "en"],
        "regions": ["PE", "BO", "EC", "CO"],
        "website": "https://cosecha.mesa-coop.example",
        "posted_days_ago": 55,
        "confirmed_days_ago": 14,
    },
    {
        "organisation": "kumbi-tech",
        "name": "Kumbi Group Ledger",
        "summary": "Android app for village savings groups: record savings, loans and fines "
        "offline at the meeting, and calculate each member's share-out.",
        "description": (
            "Kumbi replaces the paper ledger of a savings group with one Android phone. At "
            "each meeting the secretary records members' savings, loan repayments, fines and "
            "social fund contributions, with no internet needed. Balances and interest are "
            "worked out automatically, and at the end of the cycle Kumbi calculates each "
            "member's share-out, which ends a lot of arguments. When the phone finds a "
            "network, records are backed up and the supporting NGO can see how every group is "
            "doing. Members can get their balance by SMS. Free for groups; NGOs pay a small "
            "monthly fee for the supervision dashboard."
        ),
        "categories": ["finance-accounting", "payments-identity"],
        "sectors": ["livelihoods", "gender-equality"],
        "systems": ["m-pesa", "microsoft-excel"],
        "standards": ["csv", "excel-xlsx"],
        "cloud": True,
        "offline_mobile": True,
        "pricing_model": "freemium",
        "list_price_monthly": 12,
        "nonprofit_price_monthly": 5,
        "setup_cost": 0,
        "languages": ["en", "sw", "rw", "am"],
        "regions": ["UG", "KE", "TZ", "RW", "ET", "MW", "ZM"],
        "website": "https://kumbi.example",
        "posted_days_ago": 70,
        "confirmed_days_ago": 21,
    },
    {
        "organisation": "safedesk",
        "name": "Digital safety check-up",
        "summary": "A free review of how your team protects sensitive data, then hands-on help "
        "with passwords, two-step sign-in, backups and phone security.",
        "description": (
            "Groups that hold sensitive information about people, clients, survivors, "
            "activists, are targets, and most have never had anyone look at their security. "
            "One of our volunteers meets your team online over two or three weeks. We start "
            "with a conversation about what you hold and who might want it, then work through "
            "the basics together: a password manager for everyone, two-step sign-in on email "
            "and chat, encrypted phones, backups that are tested, and what to do when a device "
            "is lost. We write up simple rules in your language and train your staff. Free "
            "for civil society organisations."
        ),
        "categories": ["it-security"],
        "sectors": ["justice-governance", "health", "digital-data"],
        "systems": ["microsoft-365", "google-workspace", "telegram", "signal"],
        "standards": ["sso-saml"],
        "cloud": True,
        "pricing_model": "free_open_source",
        "nonprofit_price_monthly": 0,
        "setup_cost": 0,
        "languages": ["en", "fr", "es", "ar", "am"],
        "regions": [],
        "website": "https://safedesk.example",
        "posted_days_ago": 105,
        "confirmed_days_ago": 46,
    },
    {
        "organisation": "sankhya-data",
        "name": "Funder-ready dashboards from your spreadsheets",
        "summary": "We connect the spreadsheets your field sites already send into one "
        "automatic dashboard, with checks that catch wrong numbers.",
        "description": (
            "If your programme officers spend days every month copying figures from dozens of "
            "spreadsheets, we can end that. We set up a pipeline that reads each site's Google "
            "Sheet or Excel file, checks the numbers against simple rules (no more meals than "
            "pupils, no missing months) and combines everything into one clean dataset. On top "
            "we build a dashboard in Power BI or Looker Studio with the indicators your funders "
            "ask for, by site and district, which you can share by link. We train one person "
            "on your team to maintain it. Set-up plus a small monthly fee for hosting and fixes."
        ),
        "categories": ["monitoring-evaluation", "data-platforms"],
        "sectors": ["education", "health", "digital-data"],
        "systems": ["google-sheets", "microsoft-excel", "power-bi", "google-workspace"],
        "standards": ["csv", "excel-xlsx", "odata", "sql"],
        "cloud": True,
        "pricing_model": "paid",
        "list_price_monthly": 90,
        "nonprofit_price_monthly": 60,
        "setup_cost": 700,
        "languages": ["en", "hi", "ne", "bn"],
        "regions": ["IN", "NP", "BD", "LK"],
        "website": "https://sankhya-data.example",
        "posted_days_ago": 40,
        "confirmed_days_ago": 17,
    },
    {
        "organisation": "grantflow",
        "name": "Grantflow Tracker",
        "summary": "A shared pipeline of grants and applications with deadlines, report dates "
        "and reminders, linked to your Google or Outlook calendar.",
        "description": (
            "Grantflow keeps every funder and application in one place, from first idea to "
            "final report. Each grant has a stage, amount, key dates and the person "
            "responsible. Reminders go out weeks before proposals and reports are due, and all "
            "dates appear in your team's Google or Outlook calendar. Attach drafts and budgets, "
            "reuse past answers for new applications, and see at a glance how much is "
            "pending, awarded or declined this year. The free plan covers a small team with up "
            "to ten active grants; larger teams get nonprofit pricing."
        ),
        "categories": ["fundraising", "collaboration"],
        "sectors": ["digital-data"],
        "systems": ["google-workspace", "microsoft-365", "dropbox"],
        "standards": ["ical", "csv", "oauth2-openid-connect"],
        "cloud": True,
        "pricing_model": "freemium",
        "list_price_monthly": 39,
        "nonprofit_price_monthly": 12,
        "setup_cost": 0,
        "languages": ["en", "es", "fr"],
        "regions": [],
        "website": "https://grantflow.example",
        "posted_days_ago": 115,
        "confirmed_days_ago": 26,
    },
    {
        "organisation": "impactlens",
        "name": "ImpactLens Results Tracker",
        "summary": "Track your indicators against targets with data flowing in from forms and "
        "spreadsheets, and share live results pages with funders.",
        "description": (
            "ImpactLens holds your results framework, your outcomes, indicators and targets, "
            "and fills it with data automatically. Connect Google Forms, KoboToolbox or a "
            "spreadsheet and each new submission updates the totals. Break figures down by "
            "site, month or group, and compare them with your targets. Share a live results "
            "page with a funder instead of sending reports by email, or export a tidy table "
            "for their template. Photos and stories can sit beside the numbers. Nonprofits "
            "pay less than half the list price; set-up help is quoted separately, as it "
            "depends on how many data sources you have."
        ),
        "categories": ["monitoring-evaluation"],
        "sectors": ["environment", "livelihoods", "education", "health"],
        "systems": ["google-forms", "google-sheets", "kobotoolbox", "microsoft-excel"],
        "standards": ["csv", "excel-xlsx", "rest-api", "iati"],
        "cloud": True,
        "pricing_model": "nonprofit_discount",
        "list_price_monthly": 150,
        "nonprofit_price_monthly": 60,
        "languages": ["en", "fr", "pt", "sw"],
        "regions": [],
        "website": "https://impactlens.example",
        "posted_days_ago": 58,
        "confirmed_days_ago": 30,
    },
    {
        "organisation": "meetwell",
        "name": "Meetwell Team Space",
        "summary": "Video meetings without time limits, team chat and shared folders in one "
        "place, free for small nonprofits.",
        "description": (
            "Meetwell gives a small organisation one place to work together. Start a video "
            "meeting from any browser with no time limit and up to 100 people, with recording "
            "and captions. Channels keep chat organised by team or project, and shared "
            "folders hold your guides and templates, with Google Drive files linked in. "
            "Volunteers and partners can join as guests without paying for a seat. It runs on "
            "modest phones and slow connections. Free for registered nonprofits with up to "
            "100 users; paid plans add storage and admin controls."
        ),
        "categories": ["collaboration"],
        "sectors": ["children-youth", "education"],
        "systems": ["google-workspace", "zoom", "slack"],
        "standards": ["ical", "oauth2-openid-connect"],
        "cloud": True,
        "pricing_model": "freemium",
        "list_price_monthly": 60,
        "nonprofit_price_monthly": 0,
        "setup_cost": 0,
        "languages": ["en", "tl", "id", "es"],
        "regions": [],
        "website": "https://meetwell.example",
        "status": "pending",
        "posted_days_ago": 3,
        "confirmed_days_ago": 3,
    },
    {
        "organisation": "kindly-giving",
        "name": "Kindly Donation Pages",
        "summary": "Simple one-off and monthly donation pages with automatic thank-you "
        "receipts and a supporter list you can export any time.",
        "description": (
            "Kindly gives you a donation page in ten minutes. Supporters give once or every "
            "month by card or PayPal, in pounds, dollars or euros, and get a thank-you receipt "
            "straight away. Share the link by email, social media or WhatsApp, or embed the "
            "form in your website. You see every gift and every monthly giver in one list and "
            "can download it to a spreadsheet whenever you like. There is no monthly fee for "
            "nonprofits; card processing fees are passed on at cost. Organisations registered "
            "outside the UK and US can join after a short check."
        ),
        "categories": ["fundraising"],
        "sectors": ["education", "health", "children-youth"],
        "systems": ["stripe", "paypal", "google-sheets", "mailchimp"],
        "standards": ["csv", "webhooks"],
        "cloud": True,
        "pricing_model": "freemium",
        "list_price_monthly": 25,
        "nonprofit_price_monthly": 0,
        "setup_cost": 0,
        "languages": ["en"],
        "regions": ["GB", "US", "IE", "CA", "AU", "KE", "TZ"],
        "website": "https://kindlygiving.example",
        "status": "pending",
        "posted_days_ago": 2,
        "confirmed_days_ago": 2,
    },
]

# Introduction requests, one or more in each state. A need is named by (organisation, title), an
# offering by its name; the requester is the nonprofit's member and whoever answered is the
# provider's. ``asked_days_ago`` dates a request, ``answered_after_hours`` its answer; an
# expired request closed 7 days after it was asked. ``feedback`` is the nonprofit's review,
# given ``feedback_days_ago``.
INTRODUCTIONS = [
    {
        "need": ("tumaini-health", "Replace the exercise books our health volunteers carry"),
        "offering": "FieldNote Collect",
        "message": "Our 60 volunteers fill in exercise books on every home visit and we type "
        "them up at the end of the month. Could FieldNote work on the cheap Android phones "
        "they already have, and send the visits on to DHIS2? We would like to start with ten "
        "volunteers in March.",
        "status": "pending",
        "asked_days_ago": 2,
    },
    {
        "need": ("tumaini-health", "Replace the exercise books our health volunteers carry"),
        "offering": "Kaya CHW",
        "message": "We would like to see whether Kaya CHW could replace our paper home-visit "
        "books. Do you help with the set-up in Swahili?",
        "status": "accepted",
        "asked_days_ago": 38,
        "answered_after_hours": 8,
        "answer_note": "Happy to help. Our Mombasa volunteer team can run a training day in "
        "Swahili; let's find a date.",
    },
    {
        "need": (
            "acholi-savings",
            "Record savings-group contributions on a phone without internet",
        ),
        "offering": "FieldNote Collect",
        "message": "Each of our 45 groups meets weekly far from any signal. We would like the "
        "group secretaries to record contributions on a phone and send them when they are "
        "back in town.",
        "status": "accepted",
        "asked_days_ago": 10,
        "answered_after_hours": 20,
        "answer_note": "That is exactly what offline forms are for. I'll send you a sample "
        "savings form to try with one group.",
        "feedback": {
            "pilot_happened": True,
            "fit": 5,
            "integration": 4,
            "support": 5,
            "comment": "Six group secretaries tried it for a month. They liked that it "
            "works without signal; exporting to our spreadsheet took some getting used to.",
        },
        "feedback_days_ago": 1,
    },
    {
        "need": (
            "guardioes-floresta",
            "Patrol reports with photos and location, sent once back in signal",
        ),
        "offering": "MapaVerde Patrol",
        "message": "Our monitors patrol for days without signal. We need their photos and "
        "locations to reach us, and a map we can show to the authorities.",
        "status": "accepted",
        "asked_days_ago": 55,
        "answered_after_hours": 30,
        "feedback": {
            "pilot_happened": True,
            "fit": 4,
            "integration": 3,
            "support": 4,
            "comment": "The map works well for reporting fires. Linking it with our ODK "
            "forms needed help from their team, which they gave quickly.",
        },
        "feedback_days_ago": 20,
    },
    {
        "need": ("lantern-learning", "WhatsApp messages to parents about attendance and homework"),
        "offering": "Chalkline Parent Connect",
        "message": "We would like to tell parents in Hindi when a child misses class. Can "
        "Parent Connect send WhatsApp messages from our Google Sheets attendance list?",
        "status": "expired",
        "asked_days_ago": 15,
    },
    {
        "need": ("eko-food-bank", "Know what food is on the shelves before it goes off"),
        "offering": "ShelfLife Inventory",
        "message": "We share food out through 18 kitchens in Lagos and lose too much to "
        "expiry dates. Could ShelfLife work for us?",
        "status": "declined",
        "asked_days_ago": 12,
        "answered_after_hours": 50,
        "answer_note": "Thank you for asking. For now we only support food banks in the US and "
        "UK, where our barcode lists come from; we hope to reach Nigeria next year.",
    },
]

# Providers' interest in needs, not yet answered by the nonprofit.
INTERESTS = [
    {
        "need": ("arewa-safe-motherhood", "Patient records for our two maternity clinics"),
        "offering": "Clinic EHR set-up and support",
        "days_ago": 3,
    },
]
