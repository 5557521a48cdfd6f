"""Invented papers with realistic abstracts, and the queries that must find them (search relevance set).

Every title, name and abstract here was written for these tests; none is a real paper.
"""

from __future__ import annotations

from pathlib import Path

from .metadata_tree import minimal_tree, write

# id: (title, authors, keywords, abstract)
PAPERS: dict[str, tuple[str, list[str], list[str], str]] = {
    "okafor30a": (
        "Flood Extent Mapping from Sentinel-1 with Change Detection Transformers",
        ["Amara Okafor", "Lukas Brandt"],
        ["flood mapping", "SAR"],
        "Monsoon floods in Bangladesh are observed through clouds only by radar. We pair pre-event and "
        "post-event backscatter in a change detection transformer and reach an F1 score of 0.87 on 412 "
        "annotated events, outperforming Otsu thresholding by eleven points.",
    ),
    "brandt30a": (
        "County-Level Maize Yield Forecasting from Multi-Temporal Optical Imagery",
        ["Lukas Brandt", "Priya Raman"],
        ["agriculture", "yield prediction"],
        "We forecast maize yield for 1,100 counties of the US Corn Belt two months before harvest. An LSTM "
        "reads vegetation index time series and weather covariates; errors fall by 18 percent compared "
        "with a gradient-boosted baseline.",
    ),
    "raman30a": (
        "Detecting Methane Plumes in Hyperspectral Satellite Data",
        ["Priya Raman", "Tomás Ibarra"],
        ["greenhouse gases", "hyperspectral"],
        "Point-source emitters of methane leave faint absorption features near 2.3 micrometres. A "
        "convolutional detector trained on synthetic plumes keeps the recall of a matched filter while "
        "removing most false positives over bright surfaces such as salt flats.",
    ),
    "ibarra30a": (
        "Glacier Calving Front Delineation with Uncertainty",
        ["Tomás Ibarra", "Sigrid Holm"],
        ["glaciology", "segmentation"],
        "Tidewater glaciers retreat by calving. We segment calving fronts in radar image sequences and "
        "report a per-pixel confidence from an ensemble, so glaciologists know which front positions "
        "to trust in polar night scenes.",
    ),
    "holm30a": (
        "Urban Heat Islands from Landsat Thermal Bands and Street Trees",
        ["Sigrid Holm", "Wen Zhao"],
        ["urban climate", "thermal infrared"],
        "Land surface temperature from thermal bands shows heat islands up to 7 degrees warmer than rural "
        "surroundings. Street tree cover mapped at one metre explains a third of the variation between "
        "neighbourhoods of 40 European cities.",
    ),
    "zhao30a": (
        "Near Real-Time Deforestation Alerts in the Amazon from Radar",
        ["Wen Zhao", "Amara Okafor"],
        ["deforestation", "tropical forests"],
        "Optical alerts for forest loss in the Amazon are delayed by the rainy season. Radar time series "
        "with a temporal convolutional network issue alerts within twelve days of clearing, at a user's "
        "accuracy of 92 percent.",
    ),
    "fischer30a": (
        "Lightweight Cloud and Shadow Masking for Onboard Processing",
        ["Jonas Fischer", "Maya Lindqvist"],
        ["cloud detection", "onboard processing"],
        "A 90-kilobyte network masks clouds and their shadows on the satellite before downlink, running "
        "in 40 milliseconds per tile on a low-power accelerator, so cloudy scenes need not be transmitted.",
    ),
    "lindqvist30a": (
        "Super-Resolution of Sentinel-2 with Diffusion Priors",
        ["Maya Lindqvist", "Jonas Fischer"],
        ["super-resolution", "diffusion models"],
        "We upsample ten-metre bands to 2.5 metres with a diffusion prior conditioned on the low-resolution "
        "image and verify that field boundaries are not hallucinated by comparing with aerial orthophotos.",
    ),
    "nakamura30a": (
        "Masked Autoencoders Pretrained on a Billion Pixel Patches",
        ["Kenji Nakamura", "Amara Okafor"],
        ["self-supervised learning", "foundation models"],
        "Self-supervised pretraining with masked autoencoders on one billion multispectral patches yields "
        "features that transfer to eleven downstream tasks; linear probing matches supervised ImageNet "
        "weights on eight of them.",
    ),
    "costa30a": (
        "Burned Area Mapping with Active Fire Detections",
        ["Helena Costa", "Kenji Nakamura"],
        ["wildfire", "burned area"],
        "Burned scars are mapped daily by combining active fire detections with shortwave infrared "
        "reflectance drops. In Mediterranean shrublands the product finds 30 percent more small fires than "
        "existing global burned area products.",
    ),
    "mensah30a": (
        "Vessel Detection in Optical Imagery for Illegal Fishing",
        ["Kwame Mensah", "Helena Costa"],
        ["object detection", "maritime"],
        "Dark vessels that switch off their transponders are found in optical imagery. Matching detections "
        "with broadcast positions reveals ships fishing inside protected waters off West Africa.",
    ),
    "dubois30a": (
        "Soil Moisture Downscaling with Physics-Guided Networks",
        ["Claire Dubois", "Kwame Mensah"],
        ["soil moisture", "downscaling"],
        "Passive microwave retrievals of soil moisture have a 36-kilometre footprint. A physics-guided "
        "network downscales them to one kilometre with thermal inertia constraints and in-situ validation "
        "on 600 probes.",
    ),
    "adeyemi30a": (
        "Estimating Household Wealth from Nighttime Lights",
        ["Folake Adeyemi", "Claire Dubois"],
        ["poverty mapping", "nighttime lights"],
        "Survey-based wealth indices exist for few villages. Nighttime lights and daytime imagery predict "
        "them for every settlement of Nigeria, with an R squared of 0.71 against held-out census clusters.",
    ),
    "kahale30a": (
        "Coral Reef Habitat Mapping from Drone and Satellite Imagery",
        ["Leilani Kahale", "Folake Adeyemi"],
        ["coral reefs", "habitat mapping"],
        "Drone orthomosaics label reef habitats — live coral, rubble, sand and seagrass — that a satellite "
        "classifier then maps across an archipelago, after correcting for water column attenuation.",
    ),
    "petrov30a": (
        "Snow Water Equivalent from Passive Microwave and Lidar",
        ["Ivan Petrov", "Leilani Kahale"],
        ["snow", "hydrology"],
        "Airborne lidar snow depth surveys supervise a model that estimates snow water equivalent from "
        "passive microwave brightness temperatures in mountain catchments, where water managers plan "
        "reservoir releases.",
    ),
    "sato30a": (
        "Landslide Inventory Mapping after Earthquakes",
        ["Yui Sato", "Ivan Petrov"],
        ["landslides", "disaster response"],
        "After a strong earthquake, responders need landslide inventories within days. Bitemporal "
        "segmentation of optical imagery maps slope failures, and a terrain prior removes false alarms on "
        "flat agricultural land.",
    ),
    "mueller30a": (
        "Building Footprint Extraction across Continents",
        ["Anna Müller", "Yui Sato"],
        ["buildings", "domain generalization"],
        "Models trained on European cities miss informal settlements. Style augmentation and a small set "
        "of African and Asian labels raise building footprint intersection over union from 0.51 to 0.68.",
    ),
    "garcia30a": (
        "Surface NO2 from TROPOMI with Graph Neural Networks",
        ["Lucía García", "Anna Müller"],
        ["air quality", "graph neural networks"],
        "Tropospheric columns of nitrogen dioxide are converted into surface concentrations by a graph "
        "neural network over monitoring stations, capturing traffic peaks in cities that lack ground sensors.",
    ),
    "obrien30a": (
        "Mapping Peatlands and Wetlands with Multi-Frequency SAR",
        ["Siobhán O'Brien", "Lucía García"],
        ["wetlands", "carbon"],
        "Peatlands store a third of soil carbon but are poorly mapped. L-band and C-band radar together "
        "separate open bog from forested fen, yielding a wetland map of Ireland at twenty metres.",
    ),
    "larsen30a": (
        "Sea Ice Concentration Charts from Sentinel-1 Mosaics",
        ["Erik Larsen", "Siobhán O'Brien"],
        ["sea ice", "polar"],
        "Ice analysts draw concentration charts by hand. A segmentation network trained on ten years of "
        "charts predicts sea ice concentration from radar mosaics, helping ships plan routes in the Arctic.",
    ),
    "chen30a": (
        "A Global Inventory of Solar Farms",
        ["Mei Chen", "Erik Larsen"],
        ["renewable energy", "dataset"],
        "We release an inventory of 68,000 photovoltaic installations worldwide, detected in ten-metre "
        "imagery and checked by volunteers, with the date each farm first appears.",
    ),
    "novak30a": (
        "GEO-Splits: Benchmarking Geographic Distribution Shift",
        ["Petra Novak", "Mei Chen"],
        ["distribution shift", "benchmarks"],
        "Random train and test splits overestimate accuracy. GEO-Splits holds out whole continents and "
        "climate zones, and shows that accuracy of land cover models drops by a quarter on unseen regions.",
    ),
    "haddad30a": (
        "Learned Compression for Downlinking Multispectral Images",
        ["Omar Haddad", "Petra Novak"],
        ["compression", "downlink"],
        "Downlink bandwidth limits how much a satellite can send. A learned codec keeps spectral fidelity at "
        "a third of the bitrate of JPEG 2000, measured by classification accuracy on the decoded images.",
    ),
    "silva30a": (
        "Canopy Height from GEDI and Sentinel-2 at 10 m",
        ["Beatriz Silva", "Omar Haddad"],
        ["forest structure", "lidar"],
        "Spaceborne lidar footprints from GEDI sample canopy height sparsely. A regression network fills the "
        "gaps with Sentinel-2 composites to map forest height wall to wall at ten metres.",
    ),
    "tanaka30a": (
        "Chlorophyll-a Retrieval in Coastal Waters",
        ["Hiro Tanaka", "Beatriz Silva"],
        ["ocean color", "water quality"],
        "Chlorophyll-a concentration in turbid coastal waters is retrieved from ocean color sensors with a "
        "neural network that accounts for sediment, and warns of algal blooms near aquaculture farms.",
    ),
    "weber30a": (
        "Cloud-Optimized Archives for Petabyte-Scale Training Data",
        ["Felix Weber", "Hiro Tanaka"],
        ["data engineering", "cloud-native"],
        "Training on petabytes of imagery is limited by input pipelines. Chunked cloud-optimized archives "
        "with spatial indexes keep accelerators busy and cut data loading time by a factor of six.",
    ),
}

# (query, paper that must be in the top 3)
QUERIES: list[tuple[str, str]] = [
    ("flood monsoon radar", "okafor30a"),
    ("maize yield", "brandt30a"),
    ("methane emitters", "raman30a"),
    ("calving fronts", "ibarra30a"),
    ("heat island", "holm30a"),
    ("amazon deforestation alerts", "zhao30a"),
    ("cloud shadow onboard", "fischer30a"),
    ("super resolution diffusion", "lindqvist30a"),
    ("masked autoencoders pretraining", "nakamura30a"),
    ("burned area", "costa30a"),
    ("illegal fishing vessels", "mensah30a"),
    ("soil moisture", "dubois30a"),
    ("nighttime lights poverty", "adeyemi30a"),
    ("coral reef", "kahale30a"),
    ("snow water equivalent", "petrov30a"),
    ("earthquake landslides", "sato30a"),
    ("building footprints", "mueller30a"),
    ("nitrogen dioxide", "garcia30a"),
    ("peatland carbon", "obrien30a"),
    ("sea ice concentration", "larsen30a"),
    ("solar farms", "chen30a"),
    ("geographic distribution shift", "novak30a"),
    ("learned compression downlink", "haddad30a"),
    ("canopy height GEDI", "silva30a"),
    ("chlorophyll coastal", "tanaka30a"),
    ("petabyte archives", "weber30a"),
    ("backscatter", "okafor30a"),  # words only in an abstract
    ("matched filter", "raman30a"),
    ("Folake Adeyemi", "adeyemi30a"),  # an author's name
    ("siobhan obrien", "obrien30a"),  # typed without accents or apostrophe
]


def search_tree(root: Path) -> Path:
    """The minimal edition plus the relevance papers and their authors."""
    from proceedings_site.identity import slug

    meta = minimal_tree(root)
    people: set[str] = set()
    for order, (paper_id, (title, authors, keywords, abstract)) in enumerate(PAPERS.items(), start=10):
        for name in authors:
            if slug(name) not in people:
                people.add(slug(name))
                write(meta / "people" / f"{slug(name)}.yaml", {"name": name})
        write(
            meta / "2030-test/papers" / f"{paper_id}.yaml",
            {
                "title": title,
                "authors": [{"person": slug(name)} for name in authors],
                "track": "long" if order % 2 else "short",
                "presentation": "spotlight" if order % 5 == 0 else "poster",
                "keywords": keywords,
                "abstract": abstract,
                "order": order,
            },
        )
    return meta


TOP_THREE = """async (queries) => {
    const root = document.getElementById("proceedings-search");  // the index's bundles, as the page has them
    const pagefind = await import(new URL(root.dataset.pagefind, location.href).href);
    await pagefind.options({ baseUrl: "/" });
    for (const bundle of (root.dataset.pagefindMerge || "").split(" ").filter(Boolean)) {
        await pagefind.mergeIndex(new URL(bundle, location.href).href, { baseUrl: "/" });
    }
    const answers = {};
    for (const query of queries) {
        const search = await pagefind.search(query);
        answers[query] = await Promise.all(search.results.slice(0, 3).map(async (r) => (await r.data()).url));
    }
    return answers;
}"""


def relevance_misses(page, site_url: str) -> list[str]:
    """The relevance queries whose paper is not among the first three results, on the site's search page."""
    page.goto(site_url + "search.html")
    top = page.evaluate(TOP_THREE, [query for query, _ in QUERIES])
    return [
        f"{query!r}: wanted {paper}, got {top[query]}"
        for query, paper in QUERIES
        if not any(url.endswith(f"2030-test/papers/{paper}.html") for url in top[query])
    ]
