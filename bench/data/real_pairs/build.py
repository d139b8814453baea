"""Build and validate the real cross-border pairs evaluation set (issue 10, section 1).

Run: python3 bench/data/real_pairs/build.py   (writes companies.jsonl, pairs.jsonl, stats.json next to this file)
Real data below is hand-entered from the cited public pages; distractors marked written=True are generated
with a fixed seed. The split into dev/test is by project (merged when projects share a company), seed 20261203.
Second pass (extension): new records are appended after the first 378; the first-pass split is frozen (FROZEN_SPLIT)
and the same seeded rule is applied to the new project groups only, continuing from the per-side pair counts.
Third pass: appended the same way after the second; first- and second-pass splits are both frozen (FROZEN_SPLIT2).
"""
# Real companies and pairs, hand-entered from the cited public pages (accessed 2026-12-03).
ACC = "2026-12-03"
U = dict(
 et_fef="https://www.institut3b.physik.rwth-aachen.de/cms/ParticlePhysics3B/Das-Institut/Aktuelle-Meldungen/Aktuelle-Meldungen-intern/~uvftj/Zweiter-Innovationsgutschein-fuer-euregi/",
 et_news="https://et2smes.eu/news/",
 et_ib="https://industriebox.de/?p=426256",
 ttc="https://www.agit.de/agit/aktuelles/details/pm-36-12-aachener-hightech-unternehmen-ueber-regionale-grenzen-hinweg-aktiv-innovationsgutschein-an-enervision",
 grass="https://vito.be/en/grassification",
 grass2="https://www.vanheede.com/en/blog/grassification2/?page=en/blog/&id=&tag=",
 horti="http://www.agaris.eu/en/news/innovations/closing-the-loop-using-circular-growing-media.htm",
 horti_cato="https://www.cato-engineering.com/HortiBlueC",
 horti_port="https://www.port.ac.uk/research/research-projects/horti-blue-c",
 horti_adas="https://adas.co.uk/projects/horti-bluec/",
 h2watt="https://interregv.deutschland-nederland.eu/en/project/h2watt/",
 hytrec="https://northsearegion.eu/hytrec2/news/province-of-drenthe-give-and-take-in-diverse-partnerships/",
 boost="https://deutschland-nederland.eu/nl/nieuwe-interreg-subsidie-voor-waterstofproject/",
 progem="http://progemuese.eu/index.php?page=default_templates",
 smove="https://linkmagazine.nl/eu-investeert-in-projecten-in-euregio-rond-enschede-munster",
 h2share="https://www.waterstofnet.eu/en/news/waterstofnet-will-coordinate-european-hydrogen-truck-project-h2-share",
 h2share2="https://www.nweurope.eu/projects/project-search/h2share-hydrogen-solutions-for-heavy-duty-transport/news/h2-share-s-first-hydrogen-powered-rigid-truck-hits-the-road-in-the-netherlands-press-release/",
 docpa="https://digipro-interreg.eu/de/showcases/docpa-0",
 xanten="https://digipro-interreg.eu/nl/showcases/dombauhutte-xanten",
 surf="https://euregio.org/action/news/item/256/interreg-initiative-super-surf-gewinnt-wirtschaftspreis-2019?language=2",
 surf2="https://innovationorigins.com/en/super-surf-an-innovation-for-fuel-cells-wins-the-german-dutch-economic-prize-2019",
 surf3="https://www.innos-sperlich.de/aktuelles/news-detail/news/core-partner-treffen-rocket/?no_cache=1&tx_news_pi1%5Bcontroller%5D=News&tx_news_pi1%5Baction%5D=detail&cHash=044e257492043b9ee7b5a1d3d9ba68b7",
 rocket_dorm="http://rocket-innovations.eu/staatssekretaer-dammermann-und-deputierter-dr-scheffer-ueberreichen-foerderbescheid-und-sprechen-mit-rocket-projektpartnern-bei-unternehmensbesuch-in-dormagen/?lang=nl",
 coatema="https://www.zenit.de/stories/coatema-effizientere-produktion-und-hoehere-energieertraege-von-solar-folien/",
 rocket_nl="http://rocket-innovations.eu/1068/?lang=nl",
 eurostars="https://blog.idoxgroup.com/2016/12/07/vindsubsidies-congratulates-twente-medical-systems-international-on-eurostars-success/",
 paludi="https://3-n.info/news/meldungen/stoffliche-anwendungen/erfolgreiche-auftaktveranstaltung-zum-interreg-via-projekt-paludi-und-bau.html",
 paludi2="https://deutschland-nederland.eu/de/projects/paludi-en-bouw",
)
EMR4 = "Interreg IV-A Euregio Meuse-Rhine (TTC - Top Technologie Cluster)"
EMR5 = "Interreg V-A Euregio Meuse-Rhine (ET2SMEs innovation vouchers)"
DENL4 = "Interreg IV-A Deutschland-Nederland"
DENL5 = "Interreg V-A Deutschland-Nederland"
DENL6 = "Interreg VI-A Deutschland-Nederland"
SEAS2 = "Interreg V-A 2 Seas (2014-2020)"
NWE = "Interreg V-B North-West Europe (2014-2020)"
EURO = "Eurostars (EUREKA)"

# key: (name, country, region, postcode, kind, language, {desc}, offers, seeks, basis, [sources])
C = {}
def co(key, name, country, region, postcode, kind, lang, desc, sources, offers=(), seeks=(), basis="project role"):
    C[key] = dict(name=name, country=country, region=region, postcode=postcode, kind=kind, language=lang,
                  description=desc, offers=list(offers), seeks=list(seeks), basis=basis, sources=sources)

# --- ET2SMEs vouchers (Interreg V-A EMR)
co("fef","FEF Forschungs- und Entwicklungsgesellschaft Fügetechnik GmbH","DE","Aachen",None,"research","de",
 {"de":"Aachener Forschungs- und Entwicklungsgesellschaft für Fügetechnik. Leitete ein deutsch-belgisches Entwicklungsvorhaben, das mit einem ET2SMEs-Innovationsgutschein zu Technologien rund um das Einstein-Teleskop gefördert wurde.",
  "en":"Research and development company for joining technology based in Aachen. It led a German-Belgian development project funded by an ET2SMEs innovation voucher on technologies for the Einstein Telescope."},
 [U["et_fef"]], offers=["joining technology R&D"])
co("hengelhoef","Werkhuizen Hengelhoef","BE","Genk (Limburg)",None,"company","nl",
 {"nl":"Werkplaatsbedrijf uit Genk in Belgisch-Limburg. Was de Vlaamse partner in een Duits-Belgisch ontwikkelproject rond technologie voor de Einstein Telescope.",
  "en":"Engineering workshop company from Genk in Belgian Limburg. It was the Flemish partner in a German-Belgian development project on Einstein Telescope technology."},
 [U["et_fef"]])
co("tlk","TLK Energy GmbH","DE","Aachen",None,"company","de",
 {"de":"Aachener Unternehmen für die physikalische Simulation thermischer Energie- und Gebäudesysteme. Entwickelt mit einem flämischen Partner einen webbasierten Gebäudesimulator für frühe Planungsphasen, der Simulation und ein nutzerfreundliches BIM-Modell verbindet.",
  "en":"Aachen company working on physical simulation of thermal energy and building systems. With a Flemish partner it develops a web-based building simulator for early design stages that combines simulation with a user-friendly BIM model."},
 [U["et_news"]], offers=["physical simulation of thermal building behaviour"], seeks=["partner with building information modelling (BIM) expertise"])
co("ingenium","Ingenium","BE","Leuven (Vlaams-Brabant)",None,"company","nl",
 {"nl":"Studie- en ingenieursbureau uit Leuven. Vlaamse partner in een ET2SMEs-project voor een webgebaseerde gebouwsimulator voor de vroege ontwerpfase met een gebruiksvriendelijk BIM-model.",
  "en":"Engineering consultancy from Leuven. Flemish partner in an ET2SMEs project on a web-based building simulator for early design with a user-friendly BIM model."},
 [U["et_news"]])
co("dirkra","DIRKRA Sondermaschinenbau","DE","Stolberg (Rheinland)",None,"company","de",
 {"de":"Sondermaschinenbauer aus Stolberg bei Aachen. Konstruiert mit einem belgischen Bohr- und Sägespezialisten eine flexible, wiederverwendbare Einhausung für Bohr- und Schneidarbeiten, die bisher jedes Mal eigens angefertigt wurde.",
  "en":"Special-purpose machine builder from Stolberg near Aachen. With a Belgian drilling and sawing specialist it designs a flexible, reusable enclosure for drilling and cutting work that used to be custom-built every time."},
 [U["et_news"]], offers=["special-purpose machine design and construction"], seeks=["drilling and sawing know-how"])
co("interboring","INTERBORING","BE","Zonhoven (Limburg)",None,"company","nl",
 {"nl":"Bedrijf uit Zonhoven dat gespecialiseerd is in boor- en zaagtechniek. Ontwikkelt met een Duitse machinebouwer een herbruikbare, flexibele afscherming voor boor- en zaagwerken.",
  "en":"Company from Zonhoven specialised in drilling and sawing technology. With a German machine builder it develops a reusable, flexible enclosure for drilling and sawing jobs."},
 [U["et_news"]], offers=["drilling and sawing technology"])
co("mattech","Mat-Tech BV","NL","Son en Breugel (Noord-Brabant)",None,"company","nl",
 {"nl":"Technologiebedrijf uit Son en Breugel dat verbindingstechniek levert en verbindingsprocessen analyseert. Werkt met een Duitse kristalspecialist aan het omkeerbaar verbinden van silicium met silicium en het blijvend verbinden van silicium met aluminium of koperlegeringen, bestand tegen cryogene temperaturen en ultrahoog vacuüm.",
  "en":"Technology company from Son en Breugel that supplies joining technology and analyses bonding processes. With a German crystal specialist it works on reversible silicon-to-silicon and permanent silicon-to-aluminium or copper-alloy bonds that withstand cryogenic temperatures and ultra-high vacuum."},
 [U["et_ib"]], offers=["joining (bonding) technology","analysis of bonding processes"], seeks=["manufacturing, polishing and metrology of the parts to be joined"])
co("mateck","MaTeck Material-Technologie & Kristalle GmbH","DE","Jülich",None,"company","de",
 {"de":"Jülicher Spezialist für Materialien und Kristalle, der Bauteile herstellt, poliert und vermisst. Entwickelt mit einem niederländischen Partner Fügeverfahren für Spiegelkomponenten, die unter Tieftemperatur und Ultrahochvakuum funktionieren müssen.",
  "en":"Jülich specialist in materials and crystals that manufactures, polishes and measures components. With a Dutch partner it develops bonding methods for mirror components that must work at cryogenic temperature and in ultra-high vacuum."},
 [U["et_ib"]], offers=["manufacturing, polishing and measurement of crystal and material parts"], seeks=["joining technology and bond analysis"])
co("agrippa","Agrippa BV","BE","Hasselt (Limburg)",None,"company","nl",
 {"nl":"Start-up uit Hasselt. Ontwikkelt met een Aakense start-up een door AI ondersteund systeem om lekken op te sporen, met nauwkeurige, flexibele en zelfklevende sensoren voor verschillende vloeistoffen.",
  "en":"Start-up from Hasselt. With a start-up from Aachen it develops an AI-supported leak detection system with precise, flexible, self-adhesive sensors for different liquids."},
 [U["et_ib"]])
co("incoretex","Incoretex GmbH","DE","Aachen",None,"company","de",
 {"de":"Aachener Start-up. Arbeitet mit einem belgischen Start-up an IFARMS, einer KI-gestützten, redundanten Leckerkennung mit flexiblen, selbstklebenden Flüssigkeitssensoren für unterirdische Rohrleitungen.",
  "en":"Start-up from Aachen. It works with a Belgian start-up on IFARMS, an AI-supported, redundant leak-monitoring system with flexible self-adhesive fluid sensors for underground piping."},
 [U["et_ib"]])
# --- TTC voucher (Interreg IV-A EMR)
co("enervision","Enervision GmbH","DE","Aachen",None,"company","de",
 {"de":"Aachener Hightech-Unternehmen. Erprobte mit Firmen aus Leuven und Eindhoven und der RWTH Aachen eine Lösung, die ältere Menschen in ihrer Wohnumgebung lokalisiert und verfolgt, indem Gebäudeautomation, Kamerasysteme und Algorithmen zusammenwirken.",
  "en":"High-tech company from Aachen. With companies from Leuven and Eindhoven and RWTH Aachen it tested a solution that locates and follows elderly people at home by combining building automation, camera systems and algorithms."},
 [U["ttc"]])
co("option","Option NV","BE","Leuven (Vlaams-Brabant)",None,"company","nl",
 {"nl":"Technologiebedrijf uit Leuven. Werkte met een Aakens en een Eindhovens bedrijf aan een proef om ouderen in hun woning te lokaliseren met gebouwautomatisering, camera's en slimme algoritmen.",
  "en":"Technology company from Leuven. It worked with companies from Aachen and Eindhoven on a trial to locate elderly people in their homes using building automation, cameras and smart algorithms."},
 [U["ttc"]])
co("vinotion","ViNotion BV","NL","Eindhoven (Noord-Brabant)",None,"company","nl",
 {"nl":"Eindhovens technologiebedrijf. Partner in een grensoverschrijdende proef waarin camerasystemen, gebouwautomatisering en algoritmen samen ouderen in hun woonomgeving lokaliseren en volgen.",
  "en":"Eindhoven technology company. Partner in a cross-border trial in which camera systems, building automation and algorithms together locate and follow elderly people in their living environment."},
 [U["ttc"]])
# --- Grassification (2 Seas)
co("vanheede","Vanheede Landfill Solutions NV","BE",None,None,"company","nl",
 {"nl":"Belgisch bedrijf in afvalverwerking, compostering en recyclage. Industriële partner in een project dat bermmaaisel tot grondstof wil maken voor biogas, vezels en andere biogebaseerde producten.",
  "en":"Belgian waste treatment, composting and recycling company. Industrial partner in a project that turns roadside grass clippings into feedstock for biogas, fibres and other bio-based products."},
 [U["grass2"], U["grass"]])
co("innec","Innec CVBA","BE",None,None,"company","nl",
 {"nl":"Belgische coöperatieve vennootschap; industriële partner in Grassification, dat de keten van bermbeheer tot eindproduct voor bermgras rendabel wil maken.",
  "en":"Belgian cooperative company; industrial partner in Grassification, which aims to make the chain from verge management to end product for roadside grass economically viable."},
 [U["grass"]])
co("delphy","Delphy BV","NL",None,None,"company","nl",
 {"nl":"Nederlands bedrijf en partner in Grassification, een project dat de logistiek en verwerking van bermmaaisel verbetert en nieuwe biobased toepassingen zoals biogas en vezels uittest.",
  "en":"Dutch company and partner in Grassification, a project that improves logistics and processing of roadside grass and tests new bio-based uses such as biogas and fibres."},
 [U["grass"]])
co("millvision","Millvision","NL",None,None,"company","nl",
 {"nl":"Nederlands bedrijf en industriële partner in Grassification, dat businesscases onderzoekt voor producten uit bermgras, van bouwmaterialen uit grasvezel tot decentrale vergisting.",
  "en":"Dutch company and industrial partner in Grassification, which studies business cases for products from roadside grass, from building materials made of grass fibre to decentralised digestion."},
 [U["grass"]])
co("inagro","Inagro","BE","West-Vlaanderen",None,"research","nl",
 {"nl":"West-Vlaams praktijkonderzoekscentrum voor land- en tuinbouw; partner in Grassification rond de verwaarding van bermmaaisel.",
  "en":"West Flanders applied research centre for agriculture and horticulture; partner in Grassification on adding value to roadside grass clippings."},
 [U["grass"]])
co("vito","VITO","BE","Mol (Antwerpen)",None,"research","nl",
 {"nl":"Vlaamse instelling voor technologisch onderzoek. Beoordeelt in Grassification met eigen modellen de techno-economische haalbaarheid van businesscases voor bermgras, optimaliseert de configuratie en stelt een beleidsroadmap op.",
  "en":"Flemish institute for technological research. In Grassification it assesses the techno-economic feasibility of roadside-grass business cases with its own models, optimises their configuration and drafts a policy roadmap."},
 [U["grass"]], offers=["techno-economic assessment","business case modelling","policy roadmap"])
co("avans","Avans Hogeschool","NL","Noord-Brabant",None,"research","nl",
 {"nl":"Nederlandse hogeschool voor toegepaste wetenschappen; kennispartner in Grassification.",
  "en":"Dutch university of applied sciences; knowledge partner in Grassification."},
 [U["grass"]])
# --- Horti-BlueC (2 Seas)
co("agaris","Agaris","BE",None,None,"company","nl",
 {"nl":"Producent van potgronden en substraten voor de tuinbouw. Onderzoekt hoe chitine uit schelpdierresten, biochar en plantenvezels uit land- en tuinbouwreststromen veen, kokos of steenwol in substraten kunnen vervangen.",
  "en":"Producer of potting soils and growing media for horticulture. It investigates how chitin from shellfish residues, biochar and plant fibres from farm residues can replace peat, coir or stone wool in growing media."},
 [U["horti"]], seeks=["circular feedstocks for growing media (chitin, biochar, plant fibres)"])
co("cato","Cato Engineering","NL",None,None,"company","nl",
 {"nl":"Nederlands ingenieursbedrijf dat CO2-afvangtechnologie ontwikkelt. Onderzoekt hoe CO2 uit rookgassen zo kan worden opgewerkt dat het als natuurlijke bemesting in kassen gedoseerd kan worden.",
  "en":"Dutch engineering company developing CO2 capture technology. It studies how CO2 from flue gases can be upgraded so that it can be dosed in greenhouses as a natural fertiliser."},
 [U["horti_cato"]], offers=["CO2 capture from flue gases","CO2 supply for greenhouse dosing"])
co("ilvo","ILVO - Instituut voor Landbouw-, Visserij- en Voedingsonderzoek","BE","Oost-Vlaanderen",None,"research","nl",
 {"nl":"Vlaams onderzoeksinstituut voor landbouw, visserij en voeding. Leidt Horti-BlueC en onderzoekt biochar, chitine en plantenvezels als bouwstenen van duurzame substraten.",
  "en":"Flemish research institute for agriculture, fisheries and food. It leads Horti-BlueC and studies biochar, chitin and plant fibres as building blocks of sustainable growing media."},
 [U["horti_port"]], offers=["growing media research","biochar and chitin trials"])
co("pch","Proefcentrum Hoogstraten","BE","Hoogstraten (Antwerpen)",None,"research","nl",
 {"nl":"Vlaams praktijkproefcentrum voor de tuinbouw; partner in Horti-BlueC, dat nieuwe substraatmengsels voor aardbei en tomaat uittest.",
  "en":"Flemish horticultural trial centre; partner in Horti-BlueC, which tests new growing media blends for strawberry and tomato."},
 [U["horti_port"], U["horti"]])
co("tno","TNO (incl. former ECN)","NL",None,None,"research","nl",
 {"nl":"Nederlandse organisatie voor toegepast natuurwetenschappelijk onderzoek, waarin het voormalige Energieonderzoek Centrum Nederland is opgegaan; partner in Horti-BlueC.",
  "en":"Netherlands organisation for applied scientific research, which absorbed the former Energy Research Centre of the Netherlands; partner in Horti-BlueC."},
 [U["horti_port"]])
co("adas","ADAS UK Ltd","UK","England",None,"company","en",
 {"en":"UK agricultural and environmental consultancy and research company. In Horti-BlueC it helps demonstrate how shellfish by-products, green waste, spent growing media and plant fibres can become sustainable growing media and CO2 enrichment for protected horticulture."},
 [U["horti_adas"]])
# --- H2Watt (DE-NL)
co("abh","abh Ingenieurtechnik GmbH","DE","Niedersachsen",None,"company","de",
 {"de":"Deutsches Ingenieurunternehmen; Partner in H2Watt, das auf Borkum und Ameland Reallabore für Erzeugung, Speicherung, Transport und Nutzung von grünem Wasserstoff aufbaut.",
  "en":"German engineering company; partner in H2Watt, which builds real-life labs on Borkum and Ameland for producing, storing, transporting and using green hydrogen."},
 [U["h2watt"]])
co("nordenfrisia","AG Reederei Norden-Frisia","DE","Ostfriesland",None,"company","de",
 {"de":"Ostfriesische Reederei; Partner in H2Watt, das Wasserstoff als Energieträger für den Insel- und Schiffsverkehr im Wattenmeer erprobt.",
  "en":"East Frisian shipping company; partner in H2Watt, which trials hydrogen as an energy carrier for island and ship traffic in the Wadden Sea."},
 [U["h2watt"]])
co("borkumer","Borkumer Kleinbahn und Dampfschiffahrt GmbH","DE","Borkum",None,"company","de",
 {"de":"Verkehrsunternehmen der Insel Borkum mit Inselbahn und Schiffsverbindungen; Partner in H2Watt.",
  "en":"Transport company of the island of Borkum running the island railway and ship connections; partner in H2Watt."},
 [U["h2watt"]])
co("hsemden","Hochschule Emden/Leer","DE","Emden",None,"research","de",
 {"de":"Hochschule in Ostfriesland; Wissenspartner in H2Watt zu Wasserstofftechnologien im Wattenmeer.",
  "en":"University of applied sciences in East Frisia; knowledge partner in H2Watt on hydrogen technologies in the Wadden Sea."},
 [U["h2watt"]])
co("doeksen","Reederij Doeksen","NL","Friesland",None,"company","nl",
 {"nl":"Nederlandse rederij in het Waddengebied; partner in H2Watt, dat productie en gebruik van groene waterstof op Borkum en Ameland beproeft.",
  "en":"Dutch shipping company in the Wadden area; partner in H2Watt, which trials green hydrogen production and use on Borkum and Ameland."},
 [U["h2watt"]])
co("wagenborg","Wagenborg Shipping B.V.","NL","Groningen",None,"company","nl",
 {"nl":"Nederlandse scheepvaartonderneming; partner in H2Watt rond waterstof als energiedrager in het Waddengebied.",
  "en":"Dutch shipping company; partner in H2Watt on hydrogen as an energy carrier in the Wadden area."},
 [U["h2watt"]])
co("resato","Resato International B.V.","NL","Drenthe",None,"company","nl",
 {"nl":"Drents mkb-bedrijf dat een mobiel waterstoftankstation ontwerpt en bouwt dat na gebruik elders kan worden ingezet; partner in H2Watt.",
  "en":"SME from Drenthe that designs and builds a mobile hydrogen refuelling station that can be moved elsewhere once demand grows; partner in H2Watt."},
 [U["hytrec"], U["h2watt"]], offers=["mobile hydrogen refuelling stations"])
co("hygro","HyGro Technology B.V.","NL",None,None,"company","nl",
 {"nl":"Nederlands technologiebedrijf; partner in H2Watt rond de productie van groene waterstof met wind- en zonne-energie in het Waddengebied.",
  "en":"Dutch technology company; partner in H2Watt on producing green hydrogen from wind and solar power in the Wadden area."},
 [U["h2watt"]])
co("vuyk","Vuyk Engineering B.V.","NL",None,None,"company","nl",
 {"nl":"Nederlands ingenieursbureau; partner in H2Watt, dat waterstoftoepassingen voor schepen en eilanden in de Waddenzee ontwikkelt.",
  "en":"Dutch engineering firm; partner in H2Watt, which develops hydrogen applications for ships and islands in the Wadden Sea."},
 [U["h2watt"]])
# --- BOOST (DE-NL VI)
for k, n, ctry in [("bentec","BEN-Tec GmbH","DE"),("ihm","IHM engineering GmbH","DE")]:
    co(k, n, ctry, None, None, "company", "de",
     {"de":f"Deutsches Unternehmen im Interreg-Projekt BOOST, das mit niederländischen Firmen und Hochschulen Innovationen in der Herstellungskette von grünem Wasserstoff per Elektrolyse entwickelt.",
      "en":f"German company in the Interreg project BOOST, which develops innovations in the production chain of green hydrogen by electrolysis together with Dutch companies and universities."},
     [U["boost"]])
for k, n in [("hygear","HyGear"),("pondera","Pondera"),("powerspex","Powerspex")]:
    co(k, n, "NL", None, None, "company", "nl",
     {"nl":f"Nederlands bedrijf in het Interreg-project BOOST, dat met Duitse bedrijven en kennisinstellingen werkt aan innovaties in de productieketen van groene waterstof via elektrolyse.",
      "en":f"Dutch company in the Interreg project BOOST, which works with German companies and knowledge institutions on innovations in the green-hydrogen production chain via electrolysis."},
     [U["boost"]])
co("fhmuenster","FH Münster","DE","Münster",None,"research","de",
 {"de":"Fachhochschule Münster; Wissenspartner im Wasserstoffprojekt BOOST.","en":"Münster University of Applied Sciences; knowledge partner in the hydrogen project BOOST."},[U["boost"]])
co("utwente","University of Twente","NL","Enschede (Overijssel)",None,"research","nl",
 {"nl":"Technische universiteit in Enschede; kennispartner in het waterstofproject BOOST.","en":"Technical university in Enschede; knowledge partner in the hydrogen project BOOST."},[U["boost"]])
# --- ProGemüse (DE-NL IV-A)
co("brocker","Brocker KG","DE","Nordrhein-Westfalen",None,"company","de",
 {"de":"Unternehmen der gemüseverarbeitenden Industrie; Partner im deutsch-niederländischen Projekt ProGemüse mit Forschung und Anbauberatung.",
  "en":"Vegetable-processing company; partner in the German-Dutch ProGemüse project with research and growers' advisory partners."},[U["progem"]])
co("laarakker","Laarakker","NL",None,None,"company","nl",
 {"nl":"Nederlands groenteverwerkend bedrijf; partner in ProGemüse, samen met een telersvereniging en onderzoeksinstellingen aan beide kanten van de grens.",
  "en":"Dutch vegetable-processing company; partner in ProGemüse together with a growers' association and research institutes on both sides of the border."},[U["progem"]])
co("jki","Julius Kühn-Institut","DE",None,None,"research","de",
 {"de":"Bundesforschungsinstitut für Kulturpflanzen; wissenschaftlicher Partner in ProGemüse.","en":"German federal research centre for cultivated plants; scientific partner in ProGemüse."},[U["progem"]])
co("ppo","Praktijkonderzoek Plant & Omgeving (Wageningen UR)","NL",None,None,"research","nl",
 {"nl":"Praktijkonderzoeksinstituut van Wageningen University & Research; wetenschappelijke partner in ProGemüse.","en":"Applied plant research institute of Wageningen University & Research; scientific partner in ProGemüse."},[U["progem"]])
co("lwknrw","Landwirtschaftskammer Nordrhein-Westfalen","DE","Nordrhein-Westfalen",None,"research","de",
 {"de":"Landwirtschaftskammer mit Beratung und Versuchswesen; Partner in ProGemüse und im Projekt Food Pro·tec·ts.","en":"Chamber of agriculture with advisory and field-trial services; partner in ProGemüse."},[U["progem"]])
# --- SMOVE + Eurostars
co("tmsi","Twente Medical Systems International (TMSi)","NL","Oldenzaal (Overijssel)",None,"company","nl",
 {"nl":"Medisch-technologisch bedrijf uit Oldenzaal. Leidt een project voor een elektronisch apparaat waarmee mensen met een bewegingsbeperking thuis revalideren terwijl zorgverleners hun bewegingen volgen, en ontwikkelde met partners een zelfzorgmonitor voor baarmoedercontracties.",
  "en":"Medical technology company from Oldenzaal. It leads a project on an electronic device that lets people with reduced mobility rehabilitate at home while carers monitor their movement, and developed with partners a self-care monitor for uterine contractions."},
 [U["smove"], U["eurostars"]])
co("ukm","Universitätsklinikum Münster","DE","Münster",None,"research","de",
 {"de":"Universitätsklinikum in Münster; klinischer Partner im Projekt SMOVE zur häuslichen Bewegungsüberwachung.","en":"University hospital in Münster; clinical partner in the SMOVE project on home movement monitoring."},[U["smove"]])
co("rrd","Roessingh Research and Development","NL","Enschede (Overijssel)",None,"research","nl",
 {"nl":"Onderzoeksinstituut voor revalidatietechnologie in Enschede; partner in SMOVE.","en":"Rehabilitation technology research institute in Enschede; partner in SMOVE."},[U["smove"]])
co("tue","Technische Universiteit Eindhoven","NL","Eindhoven (Noord-Brabant)",None,"research","nl",
 {"nl":"Technische universiteit; partner in een Eurostars-project voor een zelfzorgmonitor die baarmoedercontracties meet om vroeggeboorte te helpen voorkomen.","en":"Technical university; partner in a Eurostars project on a self-care monitor of uterine contractions to help prevent preterm birth."},[U["eurostars"]])
co("cnrs","Centre National de la Recherche Scientifique (CNRS)","FR",None,None,"research","fr",
 {"fr":"Organisme public français de recherche; partenaire d'un projet Eurostars visant un dispositif d'auto-surveillance des contractions utérines pour réduire les naissances prématurées.","en":"French public research organisation; partner in a Eurostars project on a self-monitoring device for uterine contractions to reduce preterm birth."},[U["eurostars"]])
co("chuamiens","CHU Amiens-Picardie","FR","Amiens (Hauts-de-France)",None,"research","fr",
 {"fr":"Centre hospitalier universitaire d'Amiens; partenaire clinique d'un projet Eurostars sur la surveillance des contractions utérines.","en":"University hospital of Amiens; clinical partner in a Eurostars project on monitoring uterine contractions."},[U["eurostars"]])
# --- H2-Share (NWE)
co("wystrach","Wystrach GmbH","DE",None,None,"company","de",
 {"de":"Deutsches Unternehmen, das eine zugelassene mobile Niedrigenergie-Wasserstofftankstelle mit großem Speicher baute, um einen Brennstoffzellen-Lkw an wechselnden Standorten betanken zu können.",
  "en":"German company that built an approved low-energy mobile hydrogen refueller with ample storage so that a fuel-cell truck can be refuelled at changing sites."},
 [U["h2share2"]], offers=["mobile hydrogen refuelling station"])
co("vdl","VDL","NL",None,None,"company","nl",
 {"nl":"Nederlandse voertuigbouwer die een 27-tons bakwagen met waterstofbrandstofcel bouwde voor demonstraties in Nederland, België, Duitsland en Frankrijk.",
  "en":"Dutch vehicle manufacturer that built a 27-tonne rigid truck with a hydrogen fuel cell for demonstrations in the Netherlands, Belgium, Germany and France."},
 [U["h2share"]], offers=["fuel-cell heavy-duty truck"])
co("breytner","BREYTNER","NL","Schelluinen (Zuid-Holland)",None,"company","nl",
 {"nl":"Emissievrije transporteur uit Schelluinen die een waterstoftruck drie maanden inzette in retaillogistiek, zoals winkelbevoorrading en aanvoer voor emissievrije last-mile-oplossingen.",
  "en":"Zero-emission transport provider from Schelluinen that ran a hydrogen truck for three months in retail logistics, such as store replenishment and feeder lines for zero-emission last-mile delivery."},
 [U["h2share2"]], seeks=["zero-emission heavy-duty trucks for longer distances"])
# --- Digipro
co("docpa","DOCPA","DE","Duisburg",None,"company","de",
 {"de":"Duisburger Unternehmen für Digitalisierungs- und Sensortechnologien im Umweltbereich. Wollte eine preiswerte IoT-Lösung schaffen, die rund um die Uhr die Wasserqualität in Binnengewässern und im Meer misst.",
  "en":"Duisburg company for digitalisation and sensor technologies in the environmental field. It set out to build an affordable IoT solution that measures water quality in inland waters and at sea around the clock."},
 [U["docpa"]], offers=["analytics and sensor technology"], seeks=["partner to integrate sensors into a (3D-printed) buoy"])
co("opiliones","Opiliones 3D B.V.","NL",None,None,"company","nl",
 {"nl":"Nederlands bedrijf voor additive manufacturing, onderzoek en ontwikkeling en valorisatie. Bouwde met Duitse partners een 3D-geprinte meetboei voor waterkwaliteit en een sensorsysteem voor de monitoring van een kathedraal.",
  "en":"Dutch company for additive manufacturing, research and development and valorisation. With German partners it built a 3D-printed water-quality buoy and a sensor system for monitoring a cathedral."},
 [U["docpa"], U["xanten"]], offers=["additive manufacturing / 3D printing","R&D","valorisation"])
co("dombau","Dombauhütte Xanten","DE","Xanten",None,"company","de",
 {"de":"Gemeinnützige Dombauhütte mit Stein- und Glaskonservierung, die ausschließlich für den Erhalt des Xantener Doms arbeitet. Ließ ein Sensorsystem entwickeln, das Klima, Feinstaub und Schadgase im Dom erfasst, um Schäden an Kunstwerken zu verstehen.",
  "en":"Non-profit cathedral workshop for stone and glass conservation working solely on preserving Xanten Cathedral. It had a sensor system developed that records climate, fine dust and harmful gases inside the cathedral to understand damage to artworks."},
 [U["xanten"]], seeks=["sensor monitoring of indoor climate and pollutants","scientific evaluation of monitoring data"])
co("hsd","Hochschule Düsseldorf","DE","Düsseldorf",None,"research","de",
 {"de":"Hochschule für angewandte Wissenschaften; wissenschaftlicher Partner bei der Sensorüberwachung des Xantener Doms.","en":"University of applied sciences; scientific partner in sensor monitoring of Xanten Cathedral."},[U["xanten"]])
# --- SuperSurf (ROCKET)
co("adrem","ADREM GmbH","DE","Oldenburg (Niedersachsen)",None,"company","de",
 {"de":"Oldenburger Unternehmen und Leadpartner eines deutsch-niederländischen Konsortiums, das optische 2D-/3D-Messsysteme für die Qualitätskontrolle von Bipolarplatten und Membran-Elektroden-Einheiten entwickelte, um Brennstoffzellen in Serie fertigen zu können.",
  "en":"Oldenburg company and lead partner of a German-Dutch consortium that developed optical 2D/3D measurement systems for quality control of bipolar plates and membrane electrode assemblies, enabling series production of fuel cells."},
 [U["surf"], U["surf3"]])
co("nanofocus","NanoFocus AG","DE","Oberhausen",None,"company","de",
 {"de":"Oberhausener Anbieter optischer Oberflächenmesstechnik; Partner bei der Entwicklung einer fertigungsbegleitenden 2D-/3D-Prüfung von Brennstoffzellenkomponenten im Nanometerbereich.",
  "en":"Oberhausen supplier of optical surface metrology; partner in developing in-line 2D/3D inspection of fuel-cell components at nanometre scale."},
 [U["surf2"]], offers=["optical 2D/3D surface metrology"])
co("zbt","ZBT - Zentrum für BrennstoffzellenTechnik","DE","Duisburg",None,"research","de",
 {"de":"Duisburger Forschungszentrum für Brennstoffzellentechnik; Partner im Konsortium zur Qualitätskontrolle von Brennstoffzellenkomponenten.","en":"Duisburg fuel-cell technology research centre; partner in the consortium on quality control of fuel-cell components."},[U["surf2"]])
co("demcon","Demcon (Focal) B.V.","NL","Enschede (Overijssel)",None,"company","nl",
 {"nl":"Enschedees hightechbedrijf; partner in een Duits-Nederlands consortium dat optische meetsystemen bouwde om brandstofcelonderdelen tijdens de productie te controleren.",
  "en":"Enschede high-tech company; partner in a German-Dutch consortium that built optical measurement systems to inspect fuel-cell parts during production."},[U["surf2"]])
co("hymove","Hymove B.V.","NL","Arnhem (Gelderland)",None,"company","nl",
 {"nl":"Arnhems bedrijf in waterstofmobiliteit; partner in een consortium voor kwaliteitscontrole van brandstofcellen waaruit een Duits-Nederlandse start-up voor brandstofcelbussen voor het openbaar vervoer voortkwam.",
  "en":"Arnhem hydrogen mobility company; partner in a fuel-cell quality-control consortium that gave rise to a German-Dutch start-up for fuel-cell buses for public transport."},[U["surf2"]])
co("nedstack","Nedstack B.V.","NL","Arnhem (Gelderland)",None,"company","nl",
 {"nl":"Arnhemse producent van brandstofcellen; partner bij de ontwikkeling van inline optische kwaliteitscontrole voor brandstofcelcomponenten.",
  "en":"Arnhem fuel-cell manufacturer; partner in developing in-line optical quality control for fuel-cell components."},[U["surf2"]])
# --- iCoat / HoDSimVal (ROCKET)
co("coatema","Coatema Coating Machinery GmbH","DE","Dormagen",None,"company","de",
 {"de":"Dormagener Maschinenbauer für Beschichtungs-, Druck- und Kaschieranlagen, von Labor- und Pilotanlagen bis zur Produktion, unter anderem für Batterien, Medizin, Brennstoffzellen und gedruckte Elektronik. Entwickelte mit niederländischen Partnern eine Beschichtungstechnik für gedruckte Elektronik mit Schichten von wenigen Nanometern.",
  "en":"Dormagen machine builder for coating, printing and laminating lines, from lab and pilot lines to production, e.g. for batteries, medical products, fuel cells and printed electronics. With Dutch partners it developed a coating technology for printed electronics with layers only a few nanometres thick."},
 [U["coatema"], U["rocket_dorm"]], offers=["coating, printing and laminating machines","lab-to-fab pilot lines"])
co("holst","Holst Centre","NL","Eindhoven (Noord-Brabant)",None,"research","nl",
 {"nl":"Onderzoekscentrum voor geprinte en flexibele elektronica in Eindhoven; partner in een project voor nanometerdunne coatings voor geprinte elektronica.","en":"Eindhoven research centre for printed and flexible electronics; partner in a project on nanometre-thin coatings for printed electronics."},[U["rocket_dorm"]])
co("verautomation","VerAutomation","NL",None,None,"company","nl",
 {"nl":"Nederlands automatiseringsbedrijf; partner in een Duits-Nederlands project voor een nieuwe coatingtechnologie voor geprinte elektronica.","en":"Dutch automation company; partner in a German-Dutch project on a new coating technology for printed electronics."},[U["rocket_dorm"]])
co("hodforming","HoDForming GmbH","DE",None,None,"company","de",
 {"de":"Deutsches Unternehmen für das Warmumformen hochfester Aluminiumbleche in komplexe Formen für extremen Leichtbau; treibt die Digitalisierung von Werkstoff- und Prozessentwicklung voran.",
  "en":"German company for hot forming high-strength aluminium sheet into complex shapes for extreme lightweight construction; it pushes digital material and process development."},
 [U["rocket_dorm"], U["rocket_nl"]], offers=["hot forming of high-strength aluminium"], seeks=["simulation and validation of forming processes"])
co("reden","Reden B.V.","NL","Overijssel",None,"company","nl",
 {"nl":"Nederlands technologiebedrijf; partner in een project voor de digitale simulatie en validatie van warmvormprocessen voor ultralichte metalen constructies.",
  "en":"Dutch technology company; partner in a project on digital simulation and validation of hot-forming processes for ultralight metal structures."},[U["rocket_dorm"]])
co("fhpctwente","Fraunhofer Project Center at the University of Twente","NL","Enschede (Overijssel)",None,"research","nl",
 {"nl":"Fraunhofer-projectcentrum aan de Universiteit Twente; onderzoekspartner voor procesontwikkeling van lichte metalen constructies.","en":"Fraunhofer project centre at the University of Twente; research partner for process development of lightweight metal structures."},[U["rocket_dorm"]])
# --- Paludi & Bouw
co("veenhoven","Studio Tjeerd Veenhoven","NL",None,None,"company","nl",
 {"nl":"Nederlandse ontwerpstudio die toepassingen van lisdodde en mycelium ontwikkelt, onder meer voor biobased plaat- en isolatiemateriaal uit natte teelten.",
  "en":"Dutch design studio developing applications of cattail and mycelium, among others for bio-based board and insulation materials from wet crops."},[U["paludi"]])
co("3n","3N Kompetenzzentrum","DE","Niedersachsen",None,"research","de",
 {"de":"Niedersächsisches Kompetenzzentrum für nachwachsende Rohstoffe; arbeitet an Anwendungen von Rohrkolben und Myzel für Baustoffe aus Paludikultur.","en":"Lower Saxony competence centre for renewable resources; works on applications of cattail and mycelium for building materials from paludiculture."},[U["paludi"]])
co("dijkstra","Bouwgroep Dijkstra Draisma","NL","Friesland",None,"company","nl",
 {"nl":"Nederlandse bouwgroep die de overstap naar biobased bouwen met lisdodde bepleit en een modelwoning met lisdodde als bouwmateriaal liet zien.",
  "en":"Dutch construction group that advocates the switch to bio-based building with cattail and showed a model house using cattail as a building material."},[U["paludi"]], seeks=["bio-based board and insulation products"])

# Members whose source also says what the company itself does (not only its project role).
for _k in ["tlk","dirkra","interboring","mattech","mateck","agaris","cato","ilvo","vito","resato","wystrach","vdl","breytner",
           "docpa","opiliones","dombau","coatema","hodforming","nanofocus","dijkstra","veenhoven","tmsi","vanheede"]:
    C[_k]["basis"] = "company activity + project role"

# Pairs: (project, programme, source, a, b, relation, umbrella)
P = []
def pr(project, prog, src, pairs, rel, umbrella=None):
    for a, b in pairs:
        P.append(dict(project=project, programme=prog, source=src, a=a, b=b, relation=rel, umbrella=umbrella))
pr("ET2SMEs voucher: FEF - Werkhuizen Hengelhoef", EMR5, U["et_fef"], [("fef","hengelhoef")], "bilateral", "ET2SMEs")
pr("ET2SMEs voucher 10: early-stage thermal building simulation with BIM", EMR5, U["et_news"], [("tlk","ingenium")], "bilateral", "ET2SMEs")
pr("ET2SMEs voucher 11: reusable enclosure for drilling and sawing", EMR5, U["et_news"], [("dirkra","interboring")], "bilateral", "ET2SMEs")
pr("ET2SMEs voucher: silicon bonding for cryogenic mirrors", EMR5, U["et_ib"], [("mattech","mateck")], "bilateral", "ET2SMEs")
pr("ET2SMEs voucher: IFARMS leak detection", EMR5, U["et_ib"], [("agrippa","incoretex")], "bilateral", "ET2SMEs")
pr("TTC innovation voucher: localisation of elderly people at home", EMR4, U["ttc"], [("option","vinotion"),("enervision","option"),("enervision","vinotion")], "bilateral", "TTC")
pr("Grassification", SEAS2, U["grass"], [("vanheede","millvision"),("vanheede","delphy"),("innec","millvision"),("innec","delphy"),("inagro","delphy"),("vito","avans")], "consortium")
pr("Horti-BlueC", SEAS2, U["horti"], [("agaris","cato"),("ilvo","cato"),("pch","tno"),("adas","agaris"),("adas","cato")], "consortium")
pr("H2Watt", DENL5, U["h2watt"], [("nordenfrisia","doeksen"),("borkumer","wagenborg"),("abh","vuyk"),("abh","hygro"),("abh","resato"),("hsemden","hygro")], "consortium")
pr("BOOST", DENL6, U["boost"], [("bentec","hygear"),("bentec","pondera"),("bentec","powerspex"),("ihm","hygear"),("ihm","pondera"),("ihm","powerspex"),("fhmuenster","utwente")], "consortium")
pr("ProGemüse", DENL4, U["progem"], [("brocker","laarakker"),("jki","ppo"),("lwknrw","laarakker")], "consortium")
pr("SMOVE", DENL5, U["smove"], [("tmsi","ukm"),("rrd","ukm")], "consortium")
pr("Eurostars: self-care monitoring of uterine contractions (preterm birth)", EURO, U["eurostars"], [("tmsi","cnrs"),("tmsi","chuamiens"),("tue","cnrs"),("tue","chuamiens")], "consortium")
pr("H2-Share", NWE, U["h2share"], [("wystrach","vdl"),("wystrach","breytner")], "consortium")
pr("Digipro: 3D-printed water-quality buoy", DENL5+" (Digipro)", U["docpa"], [("docpa","opiliones")], "bilateral", "Digipro")
pr("Digipro: sensor monitoring of Xanten Cathedral", DENL5+" (Digipro)", U["xanten"], [("dombau","opiliones"),("hsd","opiliones")], "bilateral", "Digipro")
pr("SuperSurf (ROCKET innovation project)", DENL5+" (ROCKET)", U["surf"], [(d,n) for d in ("adrem","nanofocus","zbt") for n in ("demcon","hymove","nedstack")], "consortium", "ROCKET")
pr("iCoat (ROCKET innovation project)", DENL5+" (ROCKET)", U["rocket_dorm"], [("coatema","holst"),("coatema","verautomation")], "consortium", "ROCKET")
pr("HoDSimVal (ROCKET innovation project)", DENL5+" (ROCKET)", U["rocket_dorm"], [("hodforming","reden"),("hodforming","fhpctwente")], "consortium", "ROCKET")
pr("Paludi & Bouw", DENL6, U["paludi"], [("veenhoven","3n"),("dijkstra","3n")], "consortium")

# Real companies named in the sources but not in any pair: used as real distractors.
RD = []
def rd(name, country, region, kind, lang, desc, src):
    RD.append(dict(name=name, country=country, region=region, postcode=None, kind=kind, language=lang, description=desc, sources=[src]))
rd("Emsflower GmbH","DE","Emsbüren (Emsland)","company","de",{"de":"Große Beet- und Topfpflanzengärtnerei in Emsbüren; beteiligte sich an einem Programm zur Entwicklung intelligenter Produkte und Produktionsprozesse.","en":"Large bedding and pot plant nursery in Emsbüren; took part in a programme for intelligent products and production processes."},"http://www.grenzenlosmagazine.nl/grensoverschrijdend-samenwerkingsprogramma-ipro-n-succesvol-afgerond/")
rd("Alkondor","NL","Hengelo (Overijssel)","company","nl",{"nl":"Gevelspecialist uit Hengelo die complete gevels ontwerpt en bouwt, met nadruk op innovatie, duurzaamheid en circulariteit; ontwikkelde een prototype van een slimme gevel die zelf aangeeft wanneer onderhoud nodig is.","en":"Facade specialist from Hengelo that designs and builds complete facades with a focus on innovation, sustainability and circularity; developed a prototype smart facade that signals when maintenance is needed."},"https://aha24x7.com/grenzueberschreitendes-projekt-fuehrt-zu-65-innovationen")
rd("Moers GmbH","DE","Aachen","company","de",{"de":"Aachener Maschinenbauer; entwickelt einen Vakuum-Wäscher, der Bearbeitungsrückstände in Bohrungen industrieller Formteile zuverlässig entfernt.","en":"Aachen machine builder; develops a vacuum washer that reliably removes machining residues from bores in industrial moulded parts."},"http://www.aachener-nachrichten.de/news/wirtschaft/finanzspritze-fuer-gemeinsame-projekte-in-der-euregio-1.519033")
rd("2-Observe","BE","Wallonie","company","fr",{"nl":"Belgisch bedrijf dat de Life Observer verkleinde, een toestel dat ademhalingsbewegingen dag en nacht in realtime bewaakt.","fr":"Entreprise belge qui a miniaturisé le Life Observer, un appareil qui surveille les mouvements respiratoires en temps réel 24 heures sur 24.","en":"Belgian company that miniaturised the Life Observer, a device that monitors breathing movements in real time around the clock."},"http://ec.europa.eu/regional_policy/de/projects/belgium/expanding-high-tech-business-across-borders")
rd("Sioen Industries","BE","West-Vlaanderen","company","nl",{"nl":"Beursgenoteerde groep die technisch textiel spint, weeft en coat, professionele beschermkleding maakt en fijnchemicaliën produceert.","en":"Listed group that spins, weaves and coats technical textiles, makes professional protective clothing and produces fine chemicals."},"https://www.centexbel.be/en/partners")
rd("Utexbel","BE",None,"company","nl",{"nl":"Belgisch textielbedrijf dat meewerkte aan de eerste resultaten van een grensoverschrijdend project rond recyclage en ecodesign van textiel.","en":"Belgian textile company that contributed to first results of a cross-border project on textile recycling and eco-design."},"https://www.interreg-fwvl.eu/nl/het-project-retex-presenteert-zijn-eerste-resultaten-op-techtextil-de-internationale-vakbeurs-voor")
for n, d_nl, d_en in [
 ("Texperium","Recyclet textielafval mechanisch tot vezels en garens op basis van gerecycled polyester.","Mechanically recycles textile waste into fibres and yarns based on recycled polyester."),
 ("Gaudium","Weeft technische garens van gerecycled polyester tot stoffen voor interieurtextiel.","Weaves technical recycled-polyester yarns into fabrics for interior textiles."),
 ("Verosol","Verfijnt weefsels met een eigen metallisatieproces tot functionele zonweringsschermen.","Refines fabrics with its own metallisation process into functional sun screens."),
 ("Coulisse","Verwerkt halffabricaten tot duurzame rolgordijnen.","Turns semi-finished fabrics into durable roller blinds.")]:
    rd(n,"NL","Oost-Nederland","company","nl",{"nl":n+" "+d_nl[0].lower()+d_nl[1:],"en":n+" "+d_en[0].lower()+d_en[1:]},"https://texperium.eu/en/suremade/")
rd("Groenendijk Bedrijfskleding","NL",None,"company","nl",{"nl":"Leverancier van bedrijfskleding die met ketenpartners een circulaire keten opzet, zodat gedragen werkkleding weer nieuwe werkkleding wordt.","en":"Workwear supplier building a circular chain with supply-chain partners so that used workwear becomes new workwear."},"https://www.groenendijkbedrijfskleding.nl/nieuws/onze-ambitie-is-om-niet-alleen-te-recyclen/")
rd("Compas Agro","NL","Venlo (Limburg)","company","nl",{"nl":"Venlose agrotechbedrijf dat met sensoren en kunstmatige intelligentie water- en meststofgebruik in de teelt van vaste planten in potten en rijen optimaliseert.","en":"Venlo agritech company that uses sensors and artificial intelligence to optimise water and fertiliser use in growing perennials in pots and rows."},"https://euregio-rmn.de/vier-innovatieve-interreg-projecten-goedgekeurd/")
rd("Innocore Pharmaceuticals","NL","Groningen","company","nl",{"nl":"Gronings farmaceutisch bedrijf gespecialiseerd in langwerkende injecteerbare middelen op polymeerbasis; ontwikkelt een biologisch afbreekbare microneedle-pleister voor griepvaccinatie.","en":"Groningen pharmaceutical company specialising in polymer-based long-acting injectables; develops a biodegradable microneedle patch for flu vaccination."},"https://www.innocorepharma.com/nl/Media/News/Innocore-Pharmaceuticals-Leads-a-Consortium-to-develop-Microneedle%E2%80%93Based-Influenza-Vaccines")
rd("Inreda Diabetic","NL","Twente (Overijssel)","company","nl",{"nl":"Twentse maker van een kunstmatige alvleesklier die bloedsuiker meet en automatisch insuline of glucagon toedient.","en":"Twente maker of an artificial pancreas that measures blood glucose and automatically delivers insulin or glucagon."},"https://ec.europa.eu/regional_policy/projects/projects-database/automatic-adjustment-of-diabetics-blood-sugar-levels-developed-in-netherlands_en")
rd("U-Needle","NL","Twente (Overijssel)","company","nl",{"nl":"Producent van microneedlesystemen met naalden van ongeveer een millimeter voor toediening in de lederhuid.","en":"Producer of microneedle systems with needles of about one millimetre for delivery into the dermis."},"https://ec.europa.eu/regional_policy/projects/projects-database/automatic-adjustment-of-diabetics-blood-sugar-levels-developed-in-netherlands_en")
rd("i.Leco","BE","Geel (Antwerpen)","company","nl",{"nl":"Start-up uit Geel met slimme systemen om energiestromen te beheren en te optimaliseren en lokale bronnen zoals zonnepanelen en windturbines efficiënt in te zetten.","en":"Start-up from Geel with smart systems to manage and optimise energy flows and make efficient use of local sources such as solar panels and wind turbines."},"https://www.tijd.be/ondernemen/telecom/Proximus-en-Besix-stappen-in-energiestart-up/10330945")
rd("Enervalis","BE",None,"company","nl",{"nl":"Belgisch energiebedrijf dat zich richt op oplossingen voor particuliere woningen en elektrische voertuigen.","en":"Belgian energy company focusing on solutions for private homes and electric vehicles."},"https://www.tijd.be/ondernemen/telecom/Proximus-en-Besix-stappen-in-energiestart-up/10330945")
rd("DLV Intensief Advies","NL",None,"company","nl",{"nl":"Adviesbureau voor de intensieve veehouderij; ontwikkelde een managementdashboard dat sensoren in stallen koppelt en hun data analyseert om diergezondheid te verbeteren.","en":"Advisory firm for intensive livestock farming; developed a management dashboard that links barn sensors and analyses their data to improve animal health."},"https://www.foodprotects.eu/2019/06/11/zwischenergebnisse/")
for n in ["Sustan","Code Product Solutions","Transmare Compounding","Kupron"]:
    rd(n,"NL","Limburg","company","nl",{"nl":n+" werkt in een Limburgse ketensamenwerking aan circulaire groene wanden van gerecycled PMD-kunststof, versterkt met natuurvezels, met een productpaspoort voor verwerking aan het einde van de levensduur.","en":n+" works in a Limburg supply-chain partnership on circular green walls made of recycled PMD plastic reinforced with natural fibres, with a product passport for end-of-life processing."},"https://kohesio.eu/it/progetti/Q7361097")
rd("Alpha Paletten & Boxen","DE","Wilsum (Grafschaft Bentheim)","company","de",{"de":"Hersteller von Paletten und Boxen in Wilsum; Gastgeber des Auftakts eines grenzüberschreitenden Projekts zur Kreislaufwirtschaft im Mittelstand.","en":"Maker of pallets and boxes in Wilsum; hosted the kick-off of a cross-border project on circular economy for SMEs."},"https://www.handwerksblatt.de/die-handwerkskammern-in-deutschland/hwk-munster/two4c-kooperation-fuer-mehr-kreislaufwirtschaft")

# ================================================================ extension (second pass, accessed 2026-12-03)
# New real companies, pairs and distractors. They are appended AFTER all existing records so that existing ids
# (rp-0001 ... rp-0378), the existing distractor splits and the existing pair splits stay exactly as they were.
U2 = dict(
 seabio="https://www.interreg2seas.eu/en/seabiocomp",
 seabio_ga="http://seabiocomp.eu/news/collection/more/?coll=3&id=11",
 seabio_wf="https://www.worldfishing.net/new-project-to-replace-oil-based-plastics/1186951.article",
 seabio_imt="https://www.armines.net/fr/imt-lille-douai-and-armines-partners-interreg-seabiocomps-project",
 senspores="https://euregio-rmn.de/category/unkategorisiert-nl/",
 senspores2="https://euregio-rmn.de/vier-innovatieve-interreg-projecten-goedgekeurd/",
 movero="https://wirtschaft-regional.net/?p=40121",
 movero2="https://pro-physik.de/nachrichten/auf-zu-neuen-oberflaechen",
 movero3="https://www.euregio.eu/nl/persberichten/een-kijkje-achter-de-schermen-bij-het-interreg-project-movero",
 dnhk2012="http://mylogistics.net/2013/07/31/Anmeldung_Wirtschaftspreis_geht_in_die_letzte_Phase/",
 zawheel="https://energyawards.handelsblatt.com/allgemein/ziehl-abegg-zawheel/",
 dnhk2009="https://opennieuwsbank.nl/bericht/2009/08/20/I038-duits-nederlandse-handelskamer.html",
 dnhk2010="http://www.pressebox.de/inaktiv/deutsch-niederlaendische-handelskammer/Deutsch-Niederlaendischer-Wirtschaftspreis-2010/boxid/366423",
 fpp="https://www.zuid-holland.eu/europe/european-funds/interreg-2-seas/",
 gma="https://www.yumpu.com/de/document/view/23347825/bor-ii-2013-wirtschaft-aktuell-online/98",
 gma2="https://docslib.org/doc/3610097/interreg-cooperation-with-tradition",
 forensic="https://deutschland-nederland.eu/30-jahre-interreg-2/",
 mind="https://www.deutschland-nederland.eu/en/project/mind/",
 agit="https://www.euregio.eu/actueel/gedeputeerden-provincie-overijssel-brengen-bezoek-aan-evers-agro-b-v-en-maakten-kennis-met-interreg-en-grensoverschrijdend-samenwerking-in-de-landbouw/",
 agit2="https://deutschland-nederland.eu/de/erstes-projekt-in-interreg-vi-genehmigt",
 pvs="https://deutschland-nederland.eu/en/projects/parkinson-vibrating-socks/",
 pvs2="https://umcgresearch.org/w/parkinson-vibrating-socks",
 food2020a="https://www.food2020.eu/food2020-im-endspurt/",
 food2020b="https://www.food2020.eu/food2020-startet-erfolgreich-in-phase-ii/",
 bugs="https://innovations-intelligenz.de/insektenburger-aus-der-region-food2020-als-sprungbrett-fuer-osnabruecker-start-up-unternehmen-1527322.html",
 tribosurf="http://rocket-innovations.eu/interreg-rocket-projekt-tribosurf-auf-dem-forum-produktion-nordwest-praesentiert/",
 wendt="https://wirtschaft-regional.net/unternehmen-maerkte/wendt-maschinenbau-auch-vorbildlich-in-der-ausbildung",
)
DNHK = "Deutsch-Niederländischer Wirtschaftspreis (DNHK) - cross-border company cooperation, not a funded programme"
COOP = "Industrial cooperation reported in the press (no funding programme)"

C_OLD_KEYS = list(C)          # keys of the first pass, in their original order (ids rp-0001 ...)
def co2(*a, **k):
    co(*a, **k)
# --- SeaBioComp (Interreg V-A 2 Seas)
co2("polyproducts","Poly Products B.V.","NL",None,None,"company","nl",
 {"nl":"Nederlands bedrijf dat in SeaBioComp een grote installatie voor additive manufacturing van vezelversterkte thermoplastische biocomposieten opbouwde en de eerste demonstratiestukken ontwierp. Het project wil olie-gebaseerde composieten in maritieme toepassingen, zoals boeien, pontons en viskweekonderdelen, vervangen door biobased alternatieven.",
  "en":"Dutch company that, in SeaBioComp, installed large additive-manufacturing equipment for fibre-reinforced thermoplastic biocomposites and designed the first demonstrator samples. The project aims to replace oil-based composites in marine uses such as buoys, pontoons and fish-farming parts with bio-based alternatives."},
 [U2["seabio_ga"], U2["seabio"]], offers=["large-scale additive manufacturing of fibre-reinforced biocomposites"])
co2("centexbel","Centexbel","BE","Kortrijk (West-Vlaanderen)",None,"research","nl",
 {"nl":"Belgisch textielonderzoekscentrum in Kortrijk en leadpartner van SeaBioComp, een project rond duurzame biobased thermoplastische composieten voor gebruik op zee.",
  "en":"Belgian textile research centre in Kortrijk and lead partner of SeaBioComp, a project on durable bio-based thermoplastic composites for use at sea."},
 [U2["seabio_wf"], U2["seabio_ga"]])
co2("ceti","CETI - Centre Européen des Textiles Innovants","FR","Hauts-de-France",None,"research","fr",
 {"fr":"Centre européen des textiles innovants ; partenaire de SeaBioComp, qui développe des biocomposites thermoplastiques durables destinés au milieu marin.",
  "en":"European centre for innovative textiles; partner in SeaBioComp, which develops durable thermoplastic biocomposites for the marine environment."},
 [U2["seabio"]])
co2("mse","Marine South East Ltd","UK","South East England",None,"company","en",
 {"en":"UK marine-sector cluster organisation; in SeaBioComp it designed the communication tools (logo, posters, website, interest group) of a project developing bio-based composites for marine applications."},
 [U2["seabio"], U2["seabio_ga"]])
co2("plymouth","University of Plymouth","UK","Plymouth (England)",None,"research","en",
 {"en":"UK university; research partner in SeaBioComp on bio-based thermoplastic composites and their durability and ecotoxicity in the sea."},
 [U2["seabio"]])
co2("vliz","VLIZ - Vlaams Instituut voor de Zee","BE","Oostende (West-Vlaanderen)",None,"research","nl",
 {"nl":"Vlaams instituut voor mariene wetenschappen; partner in SeaBioComp, dat de duurzaamheid en ecotoxiciteit van biocomposieten in zee onderzoekt.",
  "en":"Flanders Marine Institute; partner in SeaBioComp, which studies the durability and ecotoxicity of biocomposites at sea."},
 [U2["seabio"]])
co2("imt","IMT Nord Europe / ARMINES","FR","Douai (Hauts-de-France)",None,"research","fr",
 {"fr":"École d'ingénieurs et structure de recherche partenariale françaises ; dans SeaBioComp, elles évaluent les techniques de fabrication des biocomposites et le choix des biomonomères et fibres naturelles.",
  "en":"French engineering school and partnership-research organisation; in SeaBioComp they assess fabrication techniques for the biocomposites and the choice of bio-monomers and natural fibres."},
 [U2["seabio_imt"], U2["seabio_ga"]])
# --- SenSpores (Interreg VI-A DE-NL)
co2("valensina","Valensina","DE",None,None,"company","de",
 {"de":"Getränkehersteller; beteiligt sich an SenSpores, um den Keimgehalt von Getränken mit neuen Sensoren schneller direkt im Prozess zu erkennen.",
  "en":"Beverage producer; takes part in SenSpores to detect the microbial load of drinks faster, directly in the process, with new sensors."},
 [U2["senspores"]], seeks=["fast in-line detection of bacteria and mould spores in beverages"])
co2("um","Universiteit Maastricht","NL","Venlo / Maastricht (Limburg)",None,"research","nl",
 {"nl":"Nederlandse universiteit met expertise in sensoren waarbij plastic polymeren de herkenning door levende organismen nabootsen; partner in SenSpores voor de snelle detectie van schimmel- en bacteriesporen in vloeibare levensmiddelen.",
  "en":"Dutch university with expertise in sensors in which plastic polymers mimic recognition by living organisms; partner in SenSpores for rapid detection of mould and bacterial spores in liquid foods."},
 [U2["senspores"]], offers=["polymer-based sensor technology for microorganisms"])
co2("hsnr","Hochschule Niederrhein","DE","Krefeld / Mönchengladbach (Nordrhein-Westfalen)",None,"research","de",
 {"de":"Hochschule am Niederrhein; Leadpartner von SenSpores mit Fachleuten für Mikrobiologie und Lebensmittelhygiene, die Lebensmittelverderb und -verschwendung verringern wollen.",
  "en":"University of applied sciences on the Lower Rhine; lead partner of SenSpores with experts in microbiology and food hygiene who want to reduce food spoilage and waste."},
 [U2["senspores2"], U2["senspores"]])
# --- MOVERO (Interreg V-A DE-NL)
co2("saueressig","Saueressig GmbH + Co. KG","DE","Vreden (Münsterland)",None,"company","de",
 {"de":"Unternehmen aus Vreden mit eigener Forschung und Entwicklung; Gastgeber und Partner von MOVERO, das Folienoberflächen für Verpackung, Solartechnik, Druck und Medizintechnik mikrostrukturiert.",
  "en":"Company from Vreden with its own R&D; host and partner of MOVERO, which micro-structures film surfaces for packaging, solar technology, printing and medical technology."},
 [U2["movero"]])
co2("schepers","Schepers GmbH","DE","Vreden (Münsterland)",None,"company","de",
 {"de":"Vredener Unternehmen, das häufig Anfragen zur Oberflächenmodifikation für die Industrie erhält; Mitinitiator von MOVERO zur Oberflächenstrukturierung mit Laser- und Prägeverfahren.",
  "en":"Vreden company that often receives requests for surface modification for industry; co-initiator of MOVERO on surface structuring with laser and embossing processes."},
 [U2["movero3"], U2["movero"]], seeks=["surface structuring know-how (laser, embossing)"])
# --- DNHK prize and reported cooperations
co2("ziehlabegg","Ziehl-Abegg","DE","Künzelsau (Baden-Württemberg)",None,"company","de",
 {"de":"Hersteller von Antriebstechnik aus Künzelsau. Entwickelte mit einem niederländischen Ingenieurbüro einen direkt in die Radnabe integrierten Elektromotor für Stadtbusse, der Lärm und Verbrauch senkt.",
  "en":"Drive-technology manufacturer from Künzelsau. With a Dutch engineering firm it developed an electric motor integrated directly into the wheel hub of city buses that cuts noise and energy use."},
 [U2["dnhk2012"], U2["zawheel"]], offers=["electric wheel-hub drives for buses"])
co2("etraction","e-Traction","NL",None,None,"company","nl",
 {"nl":"Nederlands ingenieursbureau dat samen met een Duitse aandrijvingsfabrikant een elektromotor ontwikkelde die rechtstreeks in de wielnaaf wordt gebouwd.",
  "en":"Dutch engineering firm that, together with a German drive manufacturer, developed an electric motor built directly into the wheel hub."},
 [U2["dnhk2012"]])
co2("vdlbus","VDL Bus & Coach","NL",None,None,"company","nl",
 {"nl":"Nederlandse busbouwer die een samenwerking aanging met een Duitse fabrikant van elektrische wielnaafaandrijvingen voor stadsbussen.",
  "en":"Dutch bus manufacturer that entered a cooperation with a German maker of electric wheel-hub drives for city buses."},
 [U2["zawheel"]])
co2("envirochemie","EnviroChemie","DE","Rossdorf (Hessen)",None,"company","de",
 {"de":"Spezialist für Wasser- und Abwassertechnik aus Rossdorf. Entwickelte mit einem niederländischen Flughafen ein Verfahren, das Glykolreste aus Flugzeug-Enteisungsmitteln im Abwasser zu Biogas umsetzt.",
  "en":"Water and wastewater technology specialist from Rossdorf. With a Dutch airport it developed a process that turns glycol residues from aircraft de-icing fluids in wastewater into biogas."},
 [U2["dnhk2009"]], offers=["anaerobic wastewater treatment to biogas"])
co2("schiphol","Luchthaven Schiphol","NL","Haarlemmermeer (Noord-Holland)",None,"company","nl",
 {"nl":"Nederlandse luchthaven die met een Duitse waterzuiveringsspecialist een milieuvriendelijke verwerking van antivriesmiddelen voor vliegtuigen ontwikkelde, waarbij glycolresten tot biogas worden omgezet.",
  "en":"Dutch airport that developed, with a German water-treatment specialist, an environmentally friendly treatment of aircraft de-icing fluids in which glycol residues become biogas."},
 [U2["dnhk2009"]], seeks=["treatment of glycol-laden de-icing wastewater"])
co2("duravermeer","Dura Vermeer","NL","Rotterdam (Zuid-Holland)",None,"company","nl",
 {"nl":"Bouwonderneming uit Rotterdam; genomineerd voor de Duits-Nederlandse Prijs voor de Economie 2010 met een gezamenlijk project met een Bremer bouwbedrijf.",
  "en":"Construction company from Rotterdam; nominated for the German-Dutch business prize 2010 with a joint project with a Bremen construction firm."},
 [U2["dnhk2010"]])
co2("vectorfoiltec","Vector Foiltec","DE","Bremen",None,"company","de",
 {"de":"Bauunternehmen aus Bremen; mit einem Rotterdamer Bauunternehmen für den Deutsch-Niederländischen Wirtschaftspreis 2010 nominiert.",
  "en":"Construction company from Bremen; nominated with a Rotterdam construction company for the German-Dutch business prize 2010."},
 [U2["dnhk2010"]])
# --- 3D&FPP (Interreg V-A 2 Seas)
co2("ruas","Hogeschool Rotterdam (Rotterdam University of Applied Sciences)","NL","Rotterdam (Zuid-Holland)",None,"research","nl",
 {"nl":"Hogeschool uit Rotterdam en leadpartner van 3D&FPP, dat een snelle en betaalbare nabewerking voor metaal-3D-printen ontwikkelt.",
  "en":"University of applied sciences in Rotterdam and lead partner of 3D&FPP, which develops a fast and affordable post-processing solution for metal 3D printing."},
 [U2["fpp"]])
co2("rdm","RDM Makerspace","NL","Rotterdam (Zuid-Holland)",None,"research","nl",
 {"nl":"Makerspace in Rotterdam; partner in 3D&FPP rond de integratie van metaal-3D-printen en flexibele nabewerking.",
  "en":"Makerspace in Rotterdam; partner in 3D&FPP on integrating metal 3D printing with flexible post-processing."},
 [U2["fpp"]])
co2("exeter","University of Exeter","UK","Exeter (England)",None,"research","en",
 {"en":"UK university; partner in 3D&FPP, a 2 Seas project on an efficient, fast and affordable post-processing solution for metal 3D-printed parts."},
 [U2["fpp"]])
# --- Netzwerk GMA (Interreg IV-A DE-NL)
co2("almi","Almi","NL",None,None,"company","nl",
 {"nl":"Nederlands metaalbedrijf gespecialiseerd in het lasersnijden van buizen en het maken van kleine gelaste samenstellingen. Werkt op verschillende vlakken samen met een Emslandse plaatlaserspecialist die grote lasconstructies maakt.",
  "en":"Dutch metalworking company specialised in tube laser cutting and small welded assemblies. It cooperates on several levels with an Emsland sheet-laser specialist that makes large welded assemblies."},
 [U2["gma"]], offers=["tube laser cutting","small welded assemblies"], seeks=["sheet laser cutting","large welded assemblies"])
co2("peters","Peters (Twist)","DE","Twist (Emsland)",None,"company","de",
 {"de":"Metallbaubetrieb aus Twist im Emsland, spezialisiert auf Blechlaserarbeiten und große Schweißbaugruppen. Arbeitet eng mit einem niederländischen Rohrlaser-Spezialisten zusammen, den es über das Netzwerk Grenzenloser Maschinen- und Anlagebau kennenlernte.",
  "en":"Metalworking firm from Twist in Emsland, specialised in sheet laser cutting and large welded assemblies. It works closely with a Dutch tube-laser specialist it met through the cross-border machine-building network GMA."},
 [U2["gma"]], offers=["sheet laser cutting","large welded assemblies"], seeks=["tube laser cutting","small welded assemblies"])
# --- ROCKET Reloaded: Pure Forensic DNA Profiles
co2("ifg","Institut für Forensische Genetik","DE","Münster",None,"research","de",
 {"de":"Münsteraner Institut für forensische Genetik. Will Mischspuren vom Tatort in ihre zellulären Bestandteile zerlegen und diese einzeln untersuchen, um den Beweiswert von DNA-Profilen deutlich zu steigern.",
  "en":"Münster institute for forensic genetics. It wants to split mixed crime-scene traces into their cellular components and analyse them one by one to raise the evidential value of DNA profiles."},
 [U2["forensic"]], seeks=["separation of cell mixtures"])
co2("vycap","VyCAP","NL","Enschede (Overijssel)",None,"company","nl",
 {"nl":"Bedrijf uit Enschede met jarenlange ervaring in het scheiden van celmengsels. Werkt met een Münsters forensisch instituut aan zuivere DNA-profielen uit gemengde sporen.",
  "en":"Company from Enschede with long experience in separating cell mixtures. It works with a Münster forensic institute on clean DNA profiles from mixed traces."},
 [U2["forensic"]], offers=["cell-mixture separation technology"])
# --- MIND (Interreg V-A DE-NL)
for k, n in [("surfix","Surfix BV"),("relitech","Relitech B.V."),("quirem","Quirem Medical BV")]:
    co2(k, n, "NL", None, None, "company", "nl",
     {"nl":"Nederlands mkb-bedrijf in het Interreg-project MIND, waarin Duitse en Nederlandse bedrijven en kennisinstellingen samen innovatieve zorgproducten ontwikkelen.",
      "en":"Dutch SME in the Interreg project MIND, in which German and Dutch companies and knowledge institutions jointly develop innovative health-care products."},
     [U2["mind"]])
co2("febotec","Febotec GmbH","DE",None,None,"company","de",
 {"de":"Deutsches Unternehmen im Interreg-Projekt MIND, das die Zusammenarbeit deutscher und niederländischer KMU bei innovativen Gesundheitsprodukten fördert.",
  "en":"German company in the Interreg project MIND, which promotes cooperation between German and Dutch SMEs on innovative health products."},
 [U2["mind"]])
co2("tafh","Transferagentur FH Münster GmbH","DE","Münster",None,"research","de",
 {"de":"Transferagentur der Fachhochschule Münster; Partner im Projekt MIND für deutsch-niederländische Innovationen im Gesundheitswesen.",
  "en":"Technology transfer agency of Münster University of Applied Sciences; partner in MIND on German-Dutch health-care innovation."},
 [U2["mind"]])
co2("radboud","Radboud Universiteit","NL","Nijmegen (Gelderland)",None,"research","nl",
 {"nl":"Universiteit in Nijmegen; kennispartner in MIND voor de ontwikkeling van innovatieve zorgproducten met Duitse en Nederlandse mkb-bedrijven.",
  "en":"University in Nijmegen; knowledge partner in MIND for developing innovative health products with German and Dutch SMEs."},
 [U2["mind"]])
# --- AGIT (Interreg VI-A DE-NL)
co2("eversagro","Evers Agro B.V.","NL","Almelo (Overijssel)",None,"company","nl",
 {"nl":"Fabrikant van landbouwwerktuigen uit Almelo. Ontwikkelt met andere mkb-bedrijven en de FH Münster een intelligente woeler, een getrokken werktuig met lange tanden dat de bodem losmaakt zodat gewassen beter groeien en water beter inzijgt.",
  "en":"Agricultural machinery maker from Almelo. With other SMEs and FH Münster it develops an intelligent subsoiler, a tractor-drawn tool with long tines that loosens the soil so crops grow better and water infiltrates well."},
 [U2["agit"], U2["agit2"]], offers=["soil cultivation machinery"])
# --- Parkinson Vibrating Socks (Interreg VI-A DE-NL)
co2("unimuenster","Universität Münster","DE","Münster",None,"research","de",
 {"de":"Universität Münster; leitet das Projekt Parkinson Vibrating Socks, das ein am Knöchel getragenes Gerät entwickelt, das Gangblockaden per maschinellem Lernen erkennt und mit einem Vibrationsreiz löst.",
  "en":"University of Münster; leads the Parkinson Vibrating Socks project, which develops an ankle-worn device that detects freezing of gait with machine learning and releases it with a vibration cue."},
 [U2["pvs"]])
co2("umcg","UMCG - Universitair Medisch Centrum Groningen","NL","Groningen",None,"research","nl",
 {"nl":"Universitair medisch centrum in Groningen; evalueert in Parkinson Vibrating Socks de haalbaarheid, bruikbaarheid en werking van trilsokken en een bijbehorende app bij mensen met parkinson.",
  "en":"University medical centre in Groningen; in Parkinson Vibrating Socks it evaluates the feasibility, usability and function of vibrating socks and a companion app in people with Parkinson's disease."},
 [U2["pvs2"]], offers=["clinical evaluation with patients"])

C_NEW_KEYS = [k for k in C if k not in C_OLD_KEYS]
for _k in ["polyproducts","saueressig","schepers","ziehlabegg","etraction","vdlbus","envirochemie","schiphol","almi","peters",
           "ifg","vycap","eversagro","um","mse","duravermeer","vectorfoiltec"]:
    C[_k]["basis"] = "company activity + project role"

P_OLD_LEN = len(P)
pr("SeaBioComp", SEAS2, U2["seabio"], [("polyproducts","centexbel"),("polyproducts","ceti"),("polyproducts","mse"),("centexbel","plymouth"),("vliz","imt")], "consortium")
pr("SenSpores", DENL6, U2["senspores"], [("valensina","um"),("hsnr","um")], "consortium")
pr("MOVERO", DENL5, U2["movero"], [("saueressig","utwente"),("schepers","utwente")], "consortium")
pr("DNHK prize 2012: Ziehl-Abegg and e-Traction wheel-hub motor", DNHK, U2["dnhk2012"], [("ziehlabegg","etraction")], "bilateral")
pr("Ziehl-Abegg and VDL Bus & Coach cooperation (wheel-hub drive for buses)", COOP, U2["zawheel"], [("ziehlabegg","vdlbus")], "bilateral")
pr("DNHK prize 2009 nominee: EnviroChemie and Schiphol de-icing fluid treatment", DNHK, U2["dnhk2009"], [("envirochemie","schiphol")], "bilateral")
pr("DNHK prize 2010 nominee: Dura Vermeer and Vector Foiltec joint project", DNHK, U2["dnhk2010"], [("duravermeer","vectorfoiltec")], "bilateral")
pr("3D&FPP (metal 3D printing and flexible post-processing)", SEAS2, U2["fpp"], [("ruas","exeter"),("rdm","exeter")], "consortium")
pr("Netzwerk GMA: Almi and Peters", DENL4+" (Netzwerk GMA)", U2["gma"], [("almi","peters")], "bilateral")
pr("Pure Forensic DNA Profiles (ROCKET Reloaded innovation project)", DENL5+" (ROCKET Reloaded)", U2["forensic"], [("ifg","vycap")], "bilateral", "ROCKET Reloaded")
pr("MIND (Medizinische Innovation Nederland-Deutschland)", DENL5, U2["mind"], [("febotec","surfix"),("febotec","relitech"),("febotec","quirem"),("tafh","radboud")], "consortium")
pr("AGIT (Agro Green Innovation and Technology)", DENL6, U2["agit"], [("eversagro","fhmuenster")], "consortium")
pr("Parkinson Vibrating Socks", DENL6, U2["pvs"], [("unimuenster","umcg")], "consortium")

RD_OLD_LEN = len(RD)
rd("Bugfoundation GmbH","DE","Osnabrück","company","de",{"de":"Osnabrücker Start-up, das insektenhaltige Lebensmittel entwickelt und herstellt, etwa einen Burger-Bratling mit einem großen Anteil Buffalowürmer.","en":"Osnabrück start-up that develops and makes insect-based foods, such as a burger patty with a large share of buffalo worms."},U2["bugs"])
rd("GMT GmbH","DE","Niedersachsen","company","de",{"de":"Niedersächsisches Lebensmittelunternehmen, das eine Alternative zu Stopfleber ohne Zwangsfütterung entwickelte und das Produktionsverfahren zur Industriereife brachte.","en":"Lower Saxony food company that developed an alternative to foie gras without force-feeding and brought its production process to industrial scale."},U2["food2020a"])
rd("Greencovery B.V.","NL",None,"company","nl",{"nl":"Nederlandse start-up die met een eigen bioraffinageproces uit laagwaardige reststromen van de voedingsindustrie zuivere ingrediënten zoals aroma's en aminozuren wint.","en":"Dutch start-up that uses its own biorefinery process to recover pure ingredients such as flavours and amino acids from low-value food-industry side streams."},U2["food2020a"])
rd("Smart Material Printing BV","NL",None,"company","nl",{"nl":"Nederlands bedrijf dat met een innovatief procedé allergenen in levensmiddelen, met name fruit, wil verminderen.","en":"Dutch company that uses an innovative process to reduce allergens in foods, especially fruit."},U2["food2020b"])
rd("Dr. Johanna Budwig GmbH & Co. KG","DE",None,"company","de",{"de":"Deutsches Lebensmittelunternehmen, das einen gesunden Snack auf Basis der Budwig-Diät entwickelt.","en":"German food company developing a healthy snack based on the Budwig diet."},U2["food2020b"])
rd("Kurre Spezialmaschinenbau GmbH","DE","Emsland","company","de",{"de":"Emsländischer Sondermaschinenbauer; beteiligte sich an einem Innovationsprojekt zur Oberflächenbeschichtung von Umlenkrädern mit Prüfstand.","en":"Emsland special-purpose machine builder; took part in an innovation project on surface coatings for deflection wheels with a test rig."},U2["tribosurf"])
rd("Wendt Maschinenbau GmbH & Co. KG","DE","Georgsmarienhütte (Niedersachsen)","company","de",{"de":"Maschinenbauer aus Georgsmarienhütte mit Konstruktion, Stahlbau, Zerspanung, Montage und Sondermaschinenbau für Kunden u. a. aus der Gummi-, Kunststoff- und Verpackungsindustrie.","en":"Machine builder from Georgsmarienhütte offering design, steel construction, machining, assembly and special-purpose machines for customers in rubber, plastics, packaging and other industries."},U2["wendt"])

# ================================================================ extension 2 (third pass, accessed 2026-12-03)
# Appended after all second-pass records (ids rp-0421 ...); first- and second-pass ids, pairs and splits stay as they were.
U3 = dict(
 agrowizard="https://agrobusiness-niederrhein.de/aktuelles/weitere-themen/voucher-agrowizard",
 piglets="https://agrobusiness-niederrhein.de/aktuelles/weitere-themen/gutschein-agropole-claessens1",
 agropole="https://taspo.de/uebersicht/innovationsgutscheine-fuer-agrobusiness-kooperationen/",
 enerpro="https://interregv.deutschland-nederland.eu/enerpro-foerdert-mit-erfolg-grenzueberschreitend-produktinnovationen",
 cec="https://euregio.org/action/news/item/341/cleantech-energy-crossing-schlie-t-mit-digitaler-show-ab?language=2",
 heatme="https://heatme.com/2022/11/01/individuelle-sitzheizsysteme-und-beheizte-baenke-fuer-nfl-spiel-in-deutschland",
 moonich="https://www.sueddeutsche.de/muenchen/landkreismuenchen/sauerlach-moonich-heizkissen-landesgartenschau-kirchheim-lux.UcfQ8xoGCzWAjUZLknL93n",
 sitheat="https://interregv.deutschland-nederland.eu/sit-heat",
 spectors_kwr="https://www.kwrwater.nl/en/projecten/interreg-spectors/",
 spectors_oost="https://oostnl.com/en/eu-project/spectors-0",
 spectors_isis="https://www.nrw-innovationspartner.de/nrwinnovationspartner/erfolgsgeschichten/sensorik-aus-der-vogelperspektive/",
 spectors_tech="https://www.techsuch.com/2021/05/09/goal-companies-spectors-program-netherlands-border/",
 isis2="https://lokalklick.eu/2021/05/30/bundestagsabgeordneter-bernd-reuther-besucht-isis-ic/",
 auping="https://dnhk.blog/de/lang-lebe-die-matratze/",
 auping2="https://www.sn-home.de/artikel-record_id-74297-dbname-Wirtschaft.htm",
 kampmann="http://www.pressebox.de/inaktiv/deutsch-niederlaendische-handelskammer/Deutsch-Niederlaendischer-Wirtschaftspreis-2010/boxid/366423",
 kampmann2="https://daniela-de-ridder.de/zu-besuch-bei-kampmann-in-lingen/",
 spectair="http://www.rp-online.de/nrw/staedte/meerbusch/im-ueberflug-mit-der-drohne-aid-1.6281417",
 weser="https://www.wn.de/Muensterland/Kreis-Steinfurt/Greven/3489691-Firmenportraet-Weser-Airborne-Von-oben-ist-fast-alles-zu-sehen",
 hansa="https://wirtschaft-regional.net/unternehmen-maerkte/lewe-besucht-muensters-ueberflieger",
 geocart="https://m.bild.de/regional/ruhrgebiet/fotografie/diese-kameras-sehen-sogar-wie-gesund-baeume-sind-47484928.bildMobile.html",
 igi="https://fdp-kreuztal.de/von-langenau-die-ganze-welt",
 niaga="https://www.recyclingmagazin.de/2019/01/10/royal-auping-und-dsm-niaga-erzielen-durchbruch-bei-komplett-recycelbaren-matratzen/",
)
AGROPOLE = DENL5 + " (Agropole innovation vouchers)"
C_P2_KEYS = [k for k in C if k not in C_OLD_KEYS]     # second-pass keys, before the third pass adds any
# --- Agropole innovation vouchers (Interreg V-A DE-NL, euregio rhein-maas-nord)
co("agrowizard","AgroWizard","NL",None,None,"company","nl",
 {"nl":"Nederlandse start-up die een meetapparaat ontwikkelt dat automatisch de stamdikte van bomen vastlegt, een maat die voor boomkwekerijen de opbrengst bepaalt maar tot nu toe veel handwerk kost. Test en verbetert het apparaat samen met twee Duitse boomkwekerijen.",
  "en":"Dutch start-up developing a device that automatically records the stem thickness of trees, a measure that drives tree-nursery revenue but has so far taken a lot of manual work. It tests and improves the device with two German tree nurseries."},
 [U3["agrowizard"]], offers=["automated stem-thickness measurement for tree nurseries"], seeks=["nurseries for field tests"], basis="company activity + project role")
for _k, _n in [("fleuren","Baumschule Fleuren"),("bswilhelm","Baumschule Wilhelm")]:
    co(_k, _n, "DE", "Niederrhein", None, "company", "de",
     {"de":f"Deutsche Baumschule; Praxispartner eines niederländischen Start-ups, das ein Gerät zur automatischen Messung der Stammdicke von Bäumen unter realen Bedingungen erprobt und weiterentwickelt.",
      "en":f"German tree nursery; field partner of a Dutch start-up that tests and develops a device for automatic measurement of tree stem thickness under real conditions."},
     [U3["agrowizard"]])
C["bswilhelm"]["description"] = {"de":"Baumschulbetrieb in Deutschland. Testet mit einem niederländischen Start-up und einer zweiten Baumschule ein automatisches Stammdicken-Messgerät, weil die Stammdicke über den wirtschaftlichen Erfolg entscheidet.",
  "en":"Tree nursery in Germany. With a Dutch start-up and a second nursery it tests an automatic stem-thickness gauge, because stem thickness decides the economic result."}
co("piglets","Piglets Treatment System","NL","Leunen (Limburg)",None,"company","nl",
 {"nl":"Bedrijf uit Leunen dat werkt aan het gecontroleerd en geautomatiseerd toedienen van noodzakelijke medicijnen aan varkens. Ontwikkelt het idee verder met een Duitse dierenartsenpraktijk.",
  "en":"Company from Leunen working on controlled, automated administration of necessary medicines to pigs. It develops the idea further with a German veterinary practice."},
 [U3["piglets"]], offers=["automated medication dosing for pigs"], basis="company activity + project role")
co("lintjeshof","Tierarztpraxis Lintjeshof","DE","Straelen (Niederrhein)",None,"company","de",
 {"de":"Tierarztpraxis in Straelen. Arbeitet mit einem niederländischen Unternehmen an einer kontrollierten, automatisierten Medikamentengabe für Schweine.",
  "en":"Veterinary practice in Straelen. It works with a Dutch company on controlled, automated medication of pigs."},
 [U3["piglets"]], offers=["veterinary expertise in pig health"])
# --- EnerPRO (Interreg V-A DE-NL)
co("eeden","EEDEN","DE",None,None,"company","de",
 {"de":"Deutsches Unternehmen, das Textilien chemisch upcycelt, um die Bekleidungsindustrie in einen ressourcenschonenden Kreislauf zu bringen. Entdeckte in Laborversuchen, dass schwer trennbare Fasermischungen gut dämmen, und entwickelt daraus mit einem niederländischen Partner einen Dämmstoff.",
  "en":"German company that chemically upcycles textiles to bring the clothing industry into a resource-saving loop. In lab trials it found that hard-to-separate fibre blends insulate well and, with a Dutch partner, turns them into an insulation material."},
 [U3["enerpro"]], offers=["chemical textile upcycling","insulation from mixed textile waste"], seeks=["business plan and prototype support"], basis="company activity + project role")
co("msc","Maastricht Student Consulting","NL","Maastricht (Limburg)",None,"company","nl",
 {"nl":"Adviesorganisatie van studenten uit Maastricht. Stelde met een Duitse textielrecycler een businessplan op en bouwde een prototype van isolatiemateriaal uit textielafval.",
  "en":"Student consultancy from Maastricht. With a German textile recycler it drew up a business plan and built a prototype insulation material from textile waste."},
 [U3["enerpro"]], offers=["business planning"])
# --- Cleantech Energy Crossing (Interreg V-A DE-NL)
co("mtt","Micro Turbine Technology B.V. (MTT)","NL","Eindhoven (Noord-Brabant)",None,"company","nl",
 {"nl":"Eindhovens bedrijf achter de EnerTwin, een micro-warmtekrachtkoppeling met een kleine gasturbine die op aardgas draait. Onderzoekt met een Duits gas- en warmte-instituut of de EnerTwin ook op biogas kan werken.",
  "en":"Eindhoven company behind the EnerTwin, a micro combined heat and power unit with a small gas turbine running on natural gas. With a German gas and heat institute it studies whether the EnerTwin can also run on biogas."},
 [U3["cec"]], offers=["micro gas turbine CHP"], seeks=["biogas combustion know-how"], basis="company activity + project role")
co("gwi","Gas- und Wärme-Institut Essen","DE","Essen (Nordrhein-Westfalen)",None,"research","de",
 {"de":"Forschungsinstitut für Gas- und Wärmetechnik in Essen. Unterstützte einen niederländischen Hersteller dabei, seine Mikrogasturbine für den Betrieb mit Biogas weiterzuentwickeln.",
  "en":"Research institute for gas and heat technology in Essen. It helped a Dutch manufacturer develop its micro gas turbine for operation on biogas."},
 [U3["cec"]], offers=["gas combustion testing"])
# --- Moonich and sit & heat (reported industrial cooperation)
co("moonich","Moonich (heatme)","DE","Sauerlach (Bayern)",None,"company","de",
 {"de":"Unternehmen aus Sauerlach, das elektrische Heizlösungen für Außenbereiche entwickelt, darunter akkubetriebene Heizkissen mit Sitzsensor für Gastronomie und Kirchen. Baute mit einem niederländischen Hersteller beheizbarer Polster beheizte Spielerbänke für NFL-Spiele in Deutschland.",
  "en":"Company from Sauerlach developing electric heating for outdoor areas, including battery-powered heated cushions with a seat sensor for restaurants and churches. With a Dutch maker of heated cushions it built heated player benches for NFL games in Germany."},
 [U3["heatme"], U3["moonich"]], offers=["electric outdoor heating","heated benches"], basis="company activity + project role")
co("sitheat","Sit & Heat B.V.","NL","Nijmegen (Gelderland)",None,"company","nl",
 {"nl":"Nijmeegs bedrijf dat verwarmbare zitkussens maakt voor horeca, kantoren en stadions, als zuinig alternatief voor terrasverwarming. Leverde de verwarmde kussens voor sportbanken die een Duits bedrijf bouwde.",
  "en":"Nijmegen company making heated seat cushions for hospitality, offices and stadiums as an energy-saving alternative to patio heaters. It supplied the heated cushions for sports benches built by a German company."},
 [U3["sitheat"], U3["heatme"]], offers=["heated seat cushions"], basis="company activity + project role")
# --- SPECTORS (Interreg V-A DE-NL)
co("isis","ISIS IC GmbH","DE","Wesel (Nordrhein-Westfalen)",None,"company","de",
 {"de":"Weseler Unternehmen für Produkte und Entwicklungsdienstleistungen in Funk- und Mobiltechnik, das auch Assistenzsysteme wie einen Medikamentenspender und eine CO2-Ampel entwickelt. Leadpartner von SPECTORS, in dem deutsche und niederländische KMU Sensorprodukte für Drohnen entwickeln.",
  "en":"Wesel company offering products and development services in radio and mobile technology, also developing assistive systems such as a medicine dispenser and a CO2 traffic light. Lead partner of SPECTORS, in which German and Dutch SMEs develop sensor products for drones."},
 [U3["spectors_isis"], U3["isis2"], U3["spectors_kwr"]], offers=["radio and mobile technology development"], basis="company activity + project role")
co("hsrw","Hochschule Rhein-Waal","DE","Kleve (Nordrhein-Westfalen)",None,"research","de",
 {"de":"Hochschule in Kleve; stieß SPECTORS mit an und forscht darin an Drohnen- und Sensortechnik für Fernerkundung, etwa für Landwirtschaft, Umweltschutz und technische Überwachung.",
  "en":"University of applied sciences in Kleve; co-initiated SPECTORS and researches drone and sensor technology for remote sensing in it, for example for agriculture, environmental protection and technical monitoring."},
 [U3["spectors_isis"], U3["spectors_kwr"]])
co("kwr","KWR Water Research Institute","NL","Nieuwegein (Utrecht)",None,"research","nl",
 {"nl":"Nederlands onderzoeksinstituut voor de watersector. Ontwikkelde in SPECTORS een methode om ruwe dronebeelden om te zetten in bruikbare vegetatie- en landgebruikskaarten.",
  "en":"Dutch research institute for the water sector. In SPECTORS it developed a method that turns raw drone images into usable vegetation and land-use maps."},
 [U3["spectors_kwr"]], offers=["processing of drone imagery into vegetation maps"])
for _k, _n, _nl, _en in [
 ("clearflight","Clear Flight Solutions","Nederlands bedrijf in dronetechnologie en een van de deelnemende mkb-bedrijven in SPECTORS, waarin Nederlandse en Duitse bedrijven sensorproducten voor drones ontwikkelen.","Dutch drone-technology company and one of the SMEs in SPECTORS, in which Dutch and German companies develop sensor products for drones."),
 ("aerovision","AeroVision BV","Nederlands mkb-bedrijf in SPECTORS, een Duits-Nederlands project voor sensorinnovaties voor drones, zoals positioneringssystemen, 3D-scanners voor landmeting en radar.","Dutch SME in SPECTORS, a German-Dutch project on sensor innovations for drones such as positioning systems, 3D scanners for land surveying and radar."),
 ("geoinfo","GeoInfoSolutions BV","Nederlands bedrijf in SPECTORS; werkt met Duitse partners aan toepassingen van dronesensoren en aan de verwerking van de grote hoeveelheden data die ze opleveren.","Dutch company in SPECTORS; works with German partners on applications of drone sensors and on handling the large amounts of data they produce."),
 ("eagleview","EagleView Netherlands B.V.","Nederlands bedrijf en partner in SPECTORS, dat de markt voor civiele drones wil ontsluiten met sensoren voor teledetectie en monitoring op afstand.","Dutch company and partner in SPECTORS, which aims to open up the civil drone market with sensors for remote sensing and remote monitoring."),
 ("soilcares","SoilCares Research BV","Nederlands onderzoeksbedrijf en partner in SPECTORS, waarin drones met speciale sensoren onder meer voor de landbouw worden uitgerust.","Dutch research company and partner in SPECTORS, in which drones are fitted with special sensors, among others for agriculture.")]:
    co(_k, _n, "NL", None, None, "company", "nl", {"nl":_nl, "en":_en}, [U3["spectors_kwr"], U3["spectors_oost"]])
C["clearflight"]["sources"].append(U3["spectors_tech"]); C["aerovision"]["sources"].append(U3["spectors_tech"]); C["geoinfo"]["sources"].append(U3["spectors_tech"])
# --- DNHK prize 2020 finalist and 2010 nominee
co("auping","Koninklijke Auping","NL","Deventer (Overijssel)",None,"company","nl",
 {"nl":"Matrassen- en beddenfabrikant uit Deventer die in eigen land produceert en een volledig circulaire matras op de markt bracht. Ontwikkelde met een Duitse pocketveringfabrikant een nieuw productieproces met herbruikbare materialen.",
  "en":"Mattress and bed maker from Deventer that produces in its own country and launched a fully circular mattress. With a German pocket-spring maker it developed a new production process based on reusable materials."},
 [U3["auping"], U3["auping2"]], seeks=["circular pocket springs"], basis="company activity + project role")
co("agrointl","Agro International","DE","Bad Essen (Niedersachsen)",None,"company","de",
 {"de":"Federkernhersteller aus Bad Essen und langjähriger Lieferant eines niederländischen Matratzenherstellers. Stellte für eine vollständig zirkuläre Matratze Taschenfederkerne aus reißfestem Polyester mit einem Bindemittel auf Polyesterbasis her und änderte dafür seinen Produktionsprozess.",
  "en":"Spring-core maker from Bad Essen and long-time supplier of a Dutch mattress maker. For a fully circular mattress it made pocket springs with tear-resistant polyester and a polyester-based binder, changing its production process to do so."},
 [U3["auping"], U3["auping2"]], offers=["pocket spring cores"], basis="company activity + project role")
co("kampmann","Kampmann GmbH","DE","Lingen (Emsland)",None,"company","de",
 {"de":"Mittelständischer Hersteller von Heiz-, Kühl- und Lüftungsanlagen aus Lingen mit eigener Forschung und Entwicklung. Erwarb 2005 Patent- und Produktlizenzen eines niederländischen Unternehmens.",
  "en":"Medium-sized maker of heating, cooling and ventilation systems from Lingen with its own R&D. In 2005 it acquired patent and product licences from a Dutch company."},
 [U3["kampmann"], U3["kampmann2"]], basis="company activity + project role")
co("oxycom","Oxycom B.V.","NL",None,None,"company","nl",
 {"nl":"Nederlands bedrijf waarvan een Duitse fabrikant van verwarmings-, koel- en ventilatietoestellen octrooi- en productlicenties overnam; samen genomineerd voor de Duits-Nederlandse Prijs voor de Economie 2010.",
  "en":"Dutch company from which a German maker of heating, cooling and ventilation units took over patent and product licences; nominated together for the German-Dutch business prize 2010."},
 [U3["kampmann"]])
C_P3_KEYS = [k for k in C if k not in C_OLD_KEYS and k not in C_P2_KEYS]

P_P2_END = len(P)
pr("Agropole voucher: AgroWizard stem-thickness gauge for tree nurseries", AGROPOLE, U3["agrowizard"], [("agrowizard","fleuren"),("agrowizard","bswilhelm")], "bilateral", "Agropole")
pr("Agropole voucher: automated medication for pigs (Piglets Treatment System - Lintjeshof)", AGROPOLE, U3["piglets"], [("piglets","lintjeshof")], "bilateral", "Agropole")
pr("EnerPRO: insulation material from mixed textile waste", DENL5+" (EnerPRO)", U3["enerpro"], [("eeden","msc")], "bilateral", "EnerPRO")
pr("Cleantech Energy Crossing: EnerTwin micro gas turbine on biogas", DENL5+" (Cleantech Energy Crossing)", U3["cec"], [("mtt","gwi")], "bilateral", "Cleantech Energy Crossing")
pr("Moonich and Sit & Heat cooperation (heated benches)", COOP, U3["heatme"], [("moonich","sitheat")], "bilateral")
pr("SPECTORS (sensor products for drones)", DENL5, U3["spectors_kwr"], [(d,n) for d in ("isis","hsrw") for n in ("clearflight","aerovision","geoinfo","eagleview","soilcares","kwr")], "consortium")
pr("DNHK prize 2020 finalist: Auping and Agro International circular mattress", DNHK, U3["auping2"], [("auping","agrointl")], "bilateral")
pr("DNHK prize 2010 nominee: Kampmann and Oxycom licence cooperation", DNHK, U3["kampmann"], [("kampmann","oxycom")], "bilateral")

RD_P2_END = len(RD)
rd("Spectair","DE","Meerbusch (Nordrhein-Westfalen)","company","de",{"de":"Drohnen-Dienstleister aus Meerbusch, der mit eigenen Kameradrohnen Industrieanlagen, Schornsteine, Tanks und Windkraftanlagen inspiziert und in einer eigenen Akademie Piloten ausbildet.","en":"Drone service provider from Meerbusch that inspects industrial plants, chimneys, tanks and wind turbines with its own camera drones and trains pilots in its own academy."},U3["spectair"])
rd("Weser Airborne Sensing GmbH & Co. KG","DE","Greven (Münsterland)","company","de",{"de":"Unternehmen am Flughafen Münster/Osnabrück, das mit eigenen Flugzeugen Vermessungs- und Bildmessflüge mit sehr detailgenauen Luftbildern anbietet.","en":"Company at Münster/Osnabrück airport offering surveying and photogrammetric flights with highly detailed aerial images from its own aircraft."},U3["weser"])
rd("Hansa Luftbild AG","DE","Münster","company","de",{"de":"Münsteraner Geoinformationsunternehmen, das mit Luftbild-Befliegungen unter anderem landesweite Eigentumskataster in Europa, Afrika und dem Nahen Osten aufbaut.","en":"Münster geoinformation company that uses aerial survey flights to build, among other things, nationwide property cadastres in Europe, Africa and the Middle East."},U3["hansa"])
rd("Geocart","DE","Herten (Ruhrgebiet)","company","de",{"de":"Hertener Luftbildfirma mit eigenen Flugzeugen, die hochauflösende Luftbilder, Infrarot- und Thermalaufnahmen sowie Laserscans etwa für Baumgesundheit, Fernwärmeleitungen und Altbergbau liefert.","en":"Herten aerial imaging firm with its own aircraft supplying high-resolution aerial photos, infrared and thermal images and laser scans, for example for tree health, district-heating pipes and old mining damage."},U3["geocart"])
rd("IGI Systems","DE","Kreuztal (Siegerland)","company","de",{"de":"Unternehmen aus Kreuztal, das Kamera- und Sensorsysteme mit Spezialsoftware für Luftbildvermessung und 3D-Stadtmodelle baut und sein Wissen auch für Waldbranderkennung einsetzen will.","en":"Kreuztal company building camera and sensor systems with dedicated software for aerial survey and 3D city models, and aiming to use this know-how for forest-fire detection."},U3["igi"])
rd("DSM-Niaga","NL",None,"company","nl",{"nl":"Nederlandse specialist in circulair productontwerp die met een matrassenfabrikant een volledig recyclebare, modulair opgebouwde matras ontwikkelde.","en":"Dutch specialist in circular product design that developed a fully recyclable, modular mattress with a mattress maker."},U3["niaga"])

# Split of the first pass, frozen (someone is tuning on its dev half): project -> split. build.py asserts that the
# recomputed first-pass split equals this table, and new projects are assigned without touching it.
FROZEN_SPLIT = {
 "ET2SMEs voucher: FEF - Werkhuizen Hengelhoef":"dev","ET2SMEs voucher 10: early-stage thermal building simulation with BIM":"dev",
 "ET2SMEs voucher 11: reusable enclosure for drilling and sawing":"test","ET2SMEs voucher: silicon bonding for cryogenic mirrors":"test",
 "ET2SMEs voucher: IFARMS leak detection":"test","TTC innovation voucher: localisation of elderly people at home":"test",
 "Grassification":"test","Horti-BlueC":"dev","H2Watt":"dev","BOOST":"test","ProGemüse":"dev","SMOVE":"test",
 "Eurostars: self-care monitoring of uterine contractions (preterm birth)":"test","H2-Share":"dev",
 "Digipro: 3D-printed water-quality buoy":"test","Digipro: sensor monitoring of Xanten Cathedral":"test",
 "SuperSurf (ROCKET innovation project)":"dev","iCoat (ROCKET innovation project)":"dev",
 "HoDSimVal (ROCKET innovation project)":"dev","Paludi & Bouw":"test",
}
# Split of the second pass, frozen as well (third pass): project -> split, as built by the second pass.
FROZEN_SPLIT2 = {"SeaBioComp": "dev", "SenSpores": "dev", "MOVERO": "test", "DNHK prize 2012: Ziehl-Abegg and e-Traction wheel-hub motor": "test",
 "Ziehl-Abegg and VDL Bus & Coach cooperation (wheel-hub drive for buses)": "test", "DNHK prize 2009 nominee: EnviroChemie and Schiphol de-icing fluid treatment": "test",
 "DNHK prize 2010 nominee: Dura Vermeer and Vector Foiltec joint project": "dev", "3D&FPP (metal 3D printing and flexible post-processing)": "dev",
 "Netzwerk GMA: Almi and Peters": "test", "Pure Forensic DNA Profiles (ROCKET Reloaded innovation project)": "test",
 "MIND (Medizinische Innovation Nederland-Deutschland)": "test", "AGIT (Agro Green Innovation and Technology)": "test", "Parkinson Vibrating Socks": "dev"}

# ---------------------------------------------------------------- distractors (written)
SEED = 20261203
TOWNS = {
 "BE": [("Gent","9000","Oost-Vlaanderen"),("Brugge","8000","West-Vlaanderen"),("Kortrijk","8500","West-Vlaanderen"),("Roeselare","8800","West-Vlaanderen"),("Oostende","8400","West-Vlaanderen"),("Hasselt","3500","Limburg"),("Genk","3600","Limburg"),("Leuven","3000","Vlaams-Brabant"),("Antwerpen","2000","Antwerpen"),("Geel","2440","Antwerpen"),("Mechelen","2800","Antwerpen"),("Turnhout","2300","Antwerpen"),("Aalst","9300","Oost-Vlaanderen"),("Lommel","3920","Limburg")],
 "NL": [("Eindhoven","5611","Noord-Brabant"),("Enschede","7511","Overijssel"),("Hengelo","7551","Overijssel"),("Arnhem","6811","Gelderland"),("Nijmegen","6511","Gelderland"),("Venlo","5911","Limburg"),("Maastricht","6211","Limburg"),("Groningen","9711","Groningen"),("Leeuwarden","8911","Friesland"),("Emmen","7811","Drenthe"),("Middelburg","4331","Zeeland"),("Terneuzen","4531","Zeeland"),("Breda","4811","Noord-Brabant"),("Helmond","5701","Noord-Brabant"),("Doetinchem","7001","Gelderland")],
 "DE": [("Aachen","52062","Nordrhein-Westfalen"),("Münster","48143","Nordrhein-Westfalen"),("Duisburg","47051","Nordrhein-Westfalen"),("Krefeld","47798","Nordrhein-Westfalen"),("Kleve","47533","Nordrhein-Westfalen"),("Bocholt","46395","Nordrhein-Westfalen"),("Oldenburg","26122","Niedersachsen"),("Emden","26721","Niedersachsen"),("Nordhorn","48527","Niedersachsen"),("Lingen","49808","Niedersachsen"),("Jülich","52428","Nordrhein-Westfalen"),("Oberhausen","46045","Nordrhein-Westfalen")],
 "FR": [("Lille","59000","Hauts-de-France"),("Roubaix","59100","Hauts-de-France"),("Dunkerque","59140","Hauts-de-France"),("Valenciennes","59300","Hauts-de-France"),("Boulogne-sur-Mer","62200","Hauts-de-France")],
 "UK": [("Canterbury","CT1","Kent"),("Norwich","NR1","Norfolk"),("Portsmouth","PO1","Hampshire"),("Ipswich","IP1","Suffolk")],
}
STEMS = {
 "BE": ["Leiezicht","Scheldewerk","Vlaskring","Demerdal","Kempvaart","Netedal","Zwinhoek","Durmestede","Poldervaart","Heidebloem","Mandelkouter","Dijlestroom","Kanaalzijde","Westhoek","Hagelandse","Zandvlakte","Nethelaan","Grensdijk","Klaverveld","Ijzerbocht"],
 "NL": ["Dommelstroom","Peelwind","Maaskant","Waalstede","Veenhof","Lisdonk","Hoogeveld","Duinrand","Vechtdal","Dinkelbeek","Aa-Meander","Zandkamp","Twentewerk","Eemsdelta","Wadkust","Kempenrand","Lingezicht","Regge","Berkelstad","Oosterschelde"],
 "DE": ["Emsufer","Rurtal","Vechteland","Hasetal","Niersbruch","Wurmtal","Lippewerk","Dollartwerk","Bentheimer","Inde","Wesermarsch","Niederrhein","Eifelblick","Münsterländer","Jadebusen","Erftstein"],
 "FR": ["Lysval","Escautine","Flandrine","Opalys","Deûlemont","Scarpe"],
 "UK": ["Medway","Stour","Thanet","Solent","Wensum","Orwell"],
}
FORM = {"BE":["NV","BV","bv","CommV"],"NL":["B.V."],"DE":["GmbH","GmbH & Co. KG"],"FR":["SAS","SARL"],"UK":["Ltd"]}
LANG = {"BE":"nl","NL":"nl","DE":"de","FR":"fr","UK":"en"}
# sector: word per language, activities (nl,en,de,fr), customers (nl,en,de,fr), seeks (en)
S = {
 "hydrogen": dict(w={"nl":"Waterstoftechniek","de":"Wasserstofftechnik","fr":"Hydrogène","en":"Hydrogen"}, acts=[
   ("ontwikkelt compacte PEM-elektrolysers voor decentrale productie van groene waterstof","develops compact PEM electrolysers for decentralised green hydrogen production","entwickelt kompakte PEM-Elektrolyseure für die dezentrale Erzeugung von grünem Wasserstoff","développe des électrolyseurs PEM compacts pour la production décentralisée d'hydrogène vert"),
   ("bouwt mobiele en stationaire waterstoftankstations voor bussen, trucks en werkschepen","builds mobile and stationary hydrogen refuelling stations for buses, trucks and work vessels","baut mobile und stationäre Wasserstofftankstellen für Busse, Lkw und Arbeitsschiffe","construit des stations mobiles et fixes de ravitaillement en hydrogène pour bus, camions et navires de travail"),
   ("levert hogedrukopslag en buffervaten voor waterstof tot 700 bar","supplies high-pressure storage and buffer vessels for hydrogen up to 700 bar","liefert Hochdruckspeicher und Puffertanks für Wasserstoff bis 700 bar","fournit des stockages haute pression et des réservoirs tampons pour l'hydrogène jusqu'à 700 bar"),
   ("integreert brandstofcelsystemen in zware voertuigen en machines","integrates fuel-cell systems into heavy-duty vehicles and machinery","integriert Brennstoffzellensysteme in Nutzfahrzeuge und Maschinen","intègre des systèmes de piles à combustible dans des véhicules lourds et des machines"),
   ("ontwerpt balance-of-plant-componenten zoals compressoren, drogers en kleppen voor elektrolyse-installaties","designs balance-of-plant components such as compressors, dryers and valves for electrolysis plants","konstruiert Balance-of-Plant-Komponenten wie Verdichter, Trockner und Ventile für Elektrolyseanlagen","conçoit des composants périphériques tels que compresseurs, sécheurs et vannes pour installations d'électrolyse"),
   ("test en kwalificeert stacks voor elektrolyse en brandstofcellen in eigen proefopstellingen","tests and qualifies electrolysis and fuel-cell stacks on its own test benches","prüft und qualifiziert Elektrolyse- und Brennstoffzellenstacks auf eigenen Prüfständen","teste et qualifie des empilements d'électrolyse et de piles à combustible sur ses propres bancs d'essai"),
   ("maakt haalbaarheidsstudies voor lokale waterstofhubs op bedrijventerreinen en in havens","prepares feasibility studies for local hydrogen hubs on industrial estates and in ports","erstellt Machbarkeitsstudien für lokale Wasserstoff-Hubs in Gewerbegebieten und Häfen","réalise des études de faisabilité pour des pôles hydrogène locaux sur des zones d'activité et dans des ports")],
   cust=("netbeheerders, havenbedrijven en vervoerders","grid operators, port authorities and transport companies","Netzbetreiber, Hafengesellschaften und Verkehrsunternehmen","des gestionnaires de réseau, des ports et des transporteurs"),
   seeks=["pilot site with renewable power","partner for stack testing","end user for hydrogen vehicles"]),
 "energy": dict(w={"nl":"Energiesystemen","de":"Energiesysteme","fr":"Énergie","en":"Energy Systems"}, acts=[
   ("ontwikkelt software die warmte, zonnestroom en batterijopslag in gebouwen slim aanstuurt","develops software that smartly controls heat, solar power and battery storage in buildings","entwickelt Software, die Wärme, Solarstrom und Batteriespeicher in Gebäuden intelligent steuert","développe des logiciels qui pilotent intelligemment chaleur, électricité solaire et stockage par batterie dans les bâtiments"),
   ("simuleert het thermisch gedrag van gebouwen en warmtenetten in de ontwerpfase","simulates the thermal behaviour of buildings and heat networks during design","simuliert das thermische Verhalten von Gebäuden und Wärmenetzen in der Planungsphase","simule le comportement thermique des bâtiments et des réseaux de chaleur en phase de conception"),
   ("bouwt warmtepompen en aquathermie-installaties voor woonwijken en bedrijven","builds heat pumps and aquathermal installations for neighbourhoods and businesses","baut Wärmepumpen und Aquathermie-Anlagen für Quartiere und Betriebe","construit des pompes à chaleur et des installations d'aquathermie pour quartiers et entreprises"),
   ("levert energiemanagementsystemen voor bedrijventerreinen met lokale opwek","supplies energy management systems for business parks with local generation","liefert Energiemanagementsysteme für Gewerbegebiete mit lokaler Erzeugung","fournit des systèmes de gestion de l'énergie pour des parcs d'activités à production locale"),
   ("ontwerpt dunne, flexibele zonnefolies voor integratie in gevels en daken","designs thin, flexible solar foils for integration into facades and roofs","entwickelt dünne, flexible Solarfolien für die Integration in Fassaden und Dächer","conçoit des films solaires minces et flexibles à intégrer dans façades et toitures"),
   ("monitort en voorspelt de opbrengst van wind- en zonneparken met eigen algoritmen","monitors and forecasts the output of wind and solar farms with its own algorithms","überwacht und prognostiziert den Ertrag von Wind- und Solarparks mit eigenen Algorithmen","surveille et prévoit la production de parcs éoliens et solaires avec ses propres algorithmes")],
   cust=("woningcorporaties, installateurs en energiecoöperaties","housing associations, installers and energy cooperatives","Wohnungsbaugesellschaften, Installateure und Energiegenossenschaften","des bailleurs sociaux, des installateurs et des coopératives énergétiques"),
   seeks=["BIM or building-design partner","field test locations","hardware integrator"]),
 "materials": dict(w={"nl":"Coatings","de":"Beschichtungstechnik","fr":"Matériaux","en":"Coatings"}, acts=[
   ("brengt functionele dunne lagen aan met rol-tot-rolcoating voor geprinte elektronica","applies functional thin films by roll-to-roll coating for printed electronics","bringt funktionale Dünnschichten per Rolle-zu-Rolle-Beschichtung für gedruckte Elektronik auf","dépose des couches minces fonctionnelles par enduction rouleau à rouleau pour l'électronique imprimée"),
   ("ontwikkelt slijtvaste en wrijvingsarme coatings voor machineonderdelen","develops wear-resistant, low-friction coatings for machine parts","entwickelt verschleißfeste und reibungsarme Beschichtungen für Maschinenteile","développe des revêtements résistants à l'usure et à faible frottement pour pièces mécaniques"),
   ("verbindt metalen, keramiek en silicium met laser- en diffusielassen","joins metals, ceramics and silicon by laser and diffusion bonding","fügt Metalle, Keramik und Silizium durch Laser- und Diffusionsschweißen","assemble métaux, céramiques et silicium par soudage laser et par diffusion"),
   ("polijst en meet optische componenten tot op nanometerniveau","polishes and measures optical components down to nanometre level","poliert und vermisst optische Komponenten bis in den Nanometerbereich","polit et mesure des composants optiques jusqu'à l'échelle du nanomètre"),
   ("vormt hogesterkte-aluminium warm om tot lichte constructiedelen","hot-forms high-strength aluminium into lightweight structural parts","formt hochfestes Aluminium warm zu leichten Strukturbauteilen um","met en forme à chaud de l'aluminium haute résistance en pièces structurelles légères"),
   ("levert vacuümtechniek en cryogene componenten voor onderzoeksinstallaties","supplies vacuum technology and cryogenic components for research facilities","liefert Vakuumtechnik und kryogene Komponenten für Forschungsanlagen","fournit des technologies du vide et des composants cryogéniques pour installations de recherche"),
   ("bouwt machines voor boren, zagen en frezen van beton en natuursteen op maat","builds custom machines for drilling, sawing and milling concrete and natural stone","baut Sondermaschinen zum Bohren, Sägen und Fräsen von Beton und Naturstein","construit des machines sur mesure pour forer, scier et fraiser le béton et la pierre")],
   cust=("de halfgeleider-, automotive- en onderzoekssector","the semiconductor, automotive and research sectors","die Halbleiter-, Automobil- und Forschungsbranche","les secteurs des semi-conducteurs, de l'automobile et de la recherche"),
   seeks=["partner for metrology","application partner in extreme environments","pilot-line access"]),
 "circular": dict(w={"nl":"Biobased","de":"Faserwerk","fr":"Biosourcés","en":"Biobased"}, acts=[
   ("verwerkt bermgras en natuurmaaisel tot vezels voor karton en bouwplaten","processes roadside and nature grass into fibres for board and building panels","verarbeitet Straßenbegleitgrün und Naturschutzmahdgut zu Fasern für Karton und Bauplatten","transforme l'herbe de bord de route et de fauche en fibres pour cartons et panneaux de construction"),
   ("ontwikkelt isolatiemateriaal uit lisdodde, hennep en mycelium","develops insulation materials from cattail, hemp and mycelium","entwickelt Dämmstoffe aus Rohrkolben, Hanf und Myzel","développe des isolants à base de massette, de chanvre et de mycélium"),
   ("recyclet polyester textiel tot garens en granulaat voor nieuwe producten","recycles polyester textiles into yarns and granulate for new products","recycelt Polyestertextilien zu Garnen und Granulat für neue Produkte","recycle des textiles en polyester en fils et granulés pour de nouveaux produits"),
   ("produceert biocomposieten van vlas en PLA voor maritieme en bouwtoepassingen","produces flax and PLA biocomposites for marine and construction uses","stellt Biokomposite aus Flachs und PLA für maritime und Bauanwendungen her","produit des biocomposites lin-PLA pour des usages maritimes et dans la construction"),
   ("sorteert en verwerkt gemengd kunststofafval uit steden tot recyclaat","sorts and processes mixed urban plastic waste into recyclate","sortiert und verarbeitet gemischte Kunststoffabfälle aus Städten zu Rezyklat","trie et transforme les déchets plastiques urbains mélangés en matières recyclées"),
   ("composteert en vergist groenafval en levert digestaat en compost","composts and digests green waste and supplies digestate and compost","kompostiert und vergärt Grünabfälle und liefert Gärreste und Kompost","composte et méthanise les déchets verts et fournit digestat et compost"),
   ("maakt biochar uit houtige reststromen voor bodem en substraat","makes biochar from woody residues for soils and growing media","stellt Pflanzenkohle aus holzigen Reststoffen für Boden und Substrate her","fabrique du biochar à partir de résidus ligneux pour les sols et substrats")],
   cust=("aannemers, gemeenten en de verpakkingsindustrie","contractors, municipalities and the packaging industry","Bauunternehmen, Kommunen und die Verpackungsindustrie","des entreprises du bâtiment, des collectivités et l'industrie de l'emballage"),
   seeks=["steady supply of residual biomass","building-product certification partner","offtaker for recycled fibres"]),
 "agrifood": dict(w={"nl":"Agrotech","de":"Agrartechnik","fr":"Agro","en":"Agritech"}, acts=[
   ("produceert potgronden en substraten met minder veen voor de glastuinbouw","produces potting soils and growing media with less peat for greenhouse horticulture","produziert Blumenerden und Substrate mit weniger Torf für den Unterglasanbau","produit terreaux et substrats à teneur réduite en tourbe pour les cultures sous serre"),
   ("verwerkt groenten tot gesneden en diepgevroren producten voor retail en foodservice","processes vegetables into cut and frozen products for retail and food service","verarbeitet Gemüse zu geschnittenen und tiefgekühlten Produkten für Handel und Gastronomie","transforme des légumes en produits coupés et surgelés pour la distribution et la restauration"),
   ("levert sensoren en software voor klimaat- en irrigatiesturing in kassen","supplies sensors and software for climate and irrigation control in greenhouses","liefert Sensoren und Software für Klima- und Bewässerungssteuerung in Gewächshäusern","fournit capteurs et logiciels de pilotage du climat et de l'irrigation en serre"),
   ("meet vluchtige stoffen in koel- en bewaarcellen om bederf van fruit en groenten vroeg te zien","measures volatile compounds in cold stores to detect spoilage of fruit and vegetables early","misst flüchtige Stoffe in Kühl- und Lagerräumen, um Verderb von Obst und Gemüse früh zu erkennen","mesure les composés volatils dans les chambres froides pour détecter tôt l'altération des fruits et légumes"),
   ("ontwikkelt vroegtijdige waarschuwingssystemen voor diergezondheid op basis van stalsensoren","develops early-warning systems for animal health based on barn sensors","entwickelt Frühwarnsysteme für Tiergesundheit auf Basis von Stallsensoren","développe des systèmes d'alerte précoce pour la santé animale à partir de capteurs en élevage"),
   ("adviseert telers over teeltstrategie, gewasbescherming en verduurzaming","advises growers on cultivation strategy, crop protection and sustainability","berät Anbauer zu Anbaustrategie, Pflanzenschutz und Nachhaltigkeit","conseille les producteurs sur la stratégie de culture, la protection des plantes et la durabilité"),
   ("kweekt en verwerkt insecten tot eiwit en frass voor diervoeder en bodemverbetering","rears and processes insects into protein and frass for feed and soil improvement","züchtet und verarbeitet Insekten zu Protein und Frass für Futter und Bodenverbesserung","élève et transforme des insectes en protéines et frass pour l'alimentation animale et l'amendement des sols")],
   cust=("telers, veilingen en voedingsmiddelenbedrijven","growers, auctions and food companies","Anbauer, Erzeugerorganisationen und Lebensmittelhersteller","des producteurs, des coopératives et des industriels de l'alimentation"),
   seeks=["research partner for crop trials","growers for field validation","data platform partner"]),
 "health": dict(w={"nl":"Medical","de":"Medizintechnik","fr":"Médical","en":"Medical"}, acts=[
   ("ontwikkelt draagbare sensoren die beweging en spieractiviteit thuis meten","develops wearable sensors that measure movement and muscle activity at home","entwickelt tragbare Sensoren, die Bewegung und Muskelaktivität zu Hause messen","développe des capteurs portables qui mesurent le mouvement et l'activité musculaire à domicile"),
   ("maakt versterkers en elektroden voor EEG- en EMG-metingen","makes amplifiers and electrodes for EEG and EMG measurements","stellt Verstärker und Elektroden für EEG- und EMG-Messungen her","fabrique des amplificateurs et électrodes pour mesures EEG et EMG"),
   ("bouwt telemonitoringplatforms die zorgverleners op afstand laten meekijken","builds telemonitoring platforms that let caregivers follow patients remotely","baut Telemonitoring-Plattformen, mit denen Pflegekräfte Patienten aus der Ferne begleiten","construit des plateformes de télésurveillance permettant aux soignants de suivre les patients à distance"),
   ("ontwikkelt microneedles en pleisters voor pijnloze toediening van geneesmiddelen","develops microneedles and patches for painless drug delivery","entwickelt Mikronadeln und Pflaster für die schmerzfreie Medikamentengabe","développe des micro-aiguilles et patchs pour l'administration indolore de médicaments"),
   ("levert ademhalings- en slaapmonitoring voor ziekenhuizen en thuiszorg","supplies breathing and sleep monitoring for hospitals and home care","liefert Atem- und Schlafmonitoring für Kliniken und häusliche Pflege","fournit un suivi respiratoire et du sommeil pour hôpitaux et soins à domicile"),
   ("detecteert valincidenten en afwijkend gedrag van ouderen met camera's en radar","detects falls and unusual behaviour of elderly people with cameras and radar","erkennt Stürze und auffälliges Verhalten älterer Menschen mit Kameras und Radar","détecte chutes et comportements inhabituels de personnes âgées par caméras et radar"),
   ("ontwikkelt microfluïdische chips voor snelle diagnostiek","develops microfluidic chips for rapid diagnostics","entwickelt mikrofluidische Chips für die Schnelldiagnostik","développe des puces microfluidiques pour le diagnostic rapide")],
   cust=("ziekenhuizen, revalidatiecentra en thuiszorgorganisaties","hospitals, rehabilitation centres and home-care organisations","Kliniken, Rehabilitationszentren und Pflegedienste","des hôpitaux, des centres de rééducation et des services de soins à domicile"),
   seeks=["clinical validation partner","hospital for pilot study","regulatory (MDR) support"]),
 "digital": dict(w={"nl":"Sensoriek","de":"Sensorik","fr":"Capteurs","en":"Sensing"}, acts=[
   ("ontwikkelt optische 3D-meetsystemen voor inline kwaliteitscontrole","develops optical 3D measurement systems for in-line quality control","entwickelt optische 3D-Messsysteme für die Inline-Qualitätskontrolle","développe des systèmes optiques de mesure 3D pour le contrôle qualité en ligne"),
   ("bouwt draadloze IoT-sensornetwerken voor omgevings- en bouwmonitoring","builds wireless IoT sensor networks for environmental and construction monitoring","baut drahtlose IoT-Sensornetze für Umwelt- und Baustellenmonitoring","construit des réseaux de capteurs IoT sans fil pour la surveillance environnementale et des chantiers"),
   ("past beeldherkenning en AI toe op camerabeelden in fabrieken en openbare ruimte","applies image recognition and AI to camera footage in factories and public space","wendet Bilderkennung und KI auf Kamerabilder in Fabriken und im öffentlichen Raum an","applique reconnaissance d'images et IA aux vidéos d'usines et de l'espace public"),
   ("ontwerpt en automatiseert productielijnen met robots en vision","designs and automates production lines with robots and vision","plant und automatisiert Fertigungslinien mit Robotern und Bildverarbeitung","conçoit et automatise des lignes de production avec robots et vision"),
   ("print functionele onderdelen en behuizingen met additive manufacturing","prints functional parts and housings by additive manufacturing","druckt funktionale Bauteile und Gehäuse per additiver Fertigung","imprime des pièces fonctionnelles et des boîtiers par fabrication additive"),
   ("ontwikkelt lekdetectie met flexibele sensoren en machine learning voor leidingen","develops leak detection for pipelines with flexible sensors and machine learning","entwickelt Leckerkennung für Leitungen mit flexiblen Sensoren und maschinellem Lernen","développe la détection de fuites sur canalisations avec capteurs flexibles et apprentissage automatique"),
   ("maakt digitale tweelingen van machines en processen voor predictief onderhoud","makes digital twins of machines and processes for predictive maintenance","erstellt digitale Zwillinge von Maschinen und Prozessen für vorausschauende Wartung","réalise des jumeaux numériques de machines et procédés pour la maintenance prédictive")],
   cust=("maakbedrijven, bouwbedrijven en nutsbedrijven","manufacturers, construction firms and utilities","Fertigungsbetriebe, Bauunternehmen und Versorger","des industriels, des entreprises du bâtiment et des services publics"),
   seeks=["hardware partner for prototype","industrial test site","AI/data science partner"]),
 "maritime": dict(w={"nl":"Maritiem","de":"Schiffstechnik","fr":"Naval","en":"Marine"}, acts=[
   ("ontwerpt emissiearme veerboten en werkschepen voor ondiepe wateren","designs low-emission ferries and work vessels for shallow waters","entwirft emissionsarme Fähren und Arbeitsschiffe für Flachwasser","conçoit des ferries et navires de travail à faibles émissions pour eaux peu profondes"),
   ("exploiteert veerdiensten naar de eilanden en bereidt de overstap op alternatieve brandstoffen voor","operates ferry services to the islands and prepares the switch to alternative fuels","betreibt Fährverbindungen zu den Inseln und bereitet den Umstieg auf alternative Kraftstoffe vor","exploite des liaisons par ferry vers les îles et prépare le passage aux carburants alternatifs"),
   ("bouwt meetboeien en drijvende platforms voor water- en golfmetingen","builds measuring buoys and floating platforms for water and wave measurements","baut Messbojen und schwimmende Plattformen für Wasser- und Wellenmessungen","construit des bouées de mesure et plateformes flottantes pour mesures de l'eau et de la houle"),
   ("levert elektrische en hybride aandrijvingen voor binnenvaart en havenboten","supplies electric and hybrid propulsion for inland shipping and harbour craft","liefert elektrische und hybride Antriebe für Binnenschiffe und Hafenfahrzeuge","fournit des propulsions électriques et hybrides pour la navigation fluviale et les navires portuaires"),
   ("ontwikkelt composietonderdelen voor boten, pontons en aquacultuur","develops composite parts for boats, pontoons and aquaculture","entwickelt Verbundbauteile für Boote, Pontons und Aquakultur","développe des pièces composites pour bateaux, pontons et aquaculture"),
   ("kweekt schelpdieren en zeewier en zoekt afzet voor nevenstromen","farms shellfish and seaweed and looks for outlets for side streams","züchtet Muscheln und Algen und sucht Absatz für Nebenströme","élève des coquillages et cultive des algues et cherche des débouchés pour ses coproduits")],
   cust=("rederijen, havens en waterbeheerders","shipping companies, ports and water authorities","Reedereien, Häfen und Wasserbehörden","des armateurs, des ports et des gestionnaires de l'eau"),
   seeks=["shipyard partner","pilot on a working vessel","supplier of hydrogen or e-fuels"]),
}
SUBJ = {"nl":"Het bedrijf","en":"The company","de":"Das Unternehmen","fr":"L'entreprise"}
SUBJ_R = {"nl":"De organisatie","en":"The organisation","de":"Die Einrichtung","fr":"L'organisation"}
FROM = {"nl":"uit","en":"from","de":"aus","fr":"de"}
CUST = {"nl":"Klanten zijn onder meer {}.","en":"Customers include {}.","de":"Zu den Kunden zählen {}.","fr":"Ses clients comprennent {}."}
CUST_R = {"nl":"Werkt samen met {}.","en":"It works with {}.","de":"Arbeitet mit {} zusammen.","fr":"Elle travaille avec {}."}
LIDX = {"nl":0,"en":1,"de":2,"fr":3}
RPREFIX = {"nl":"Kenniscentrum","de":"Institut","fr":"Centre technique","en":"Research Centre"}

def make_written(rng, n_by_country):
    out = []
    used = set()
    sectors = list(S)
    for country, n in n_by_country.items():
        lang = LANG[country]
        for i in range(n):
            sec = sectors[(i + rng.randrange(len(sectors))) % len(sectors)]
            spec = S[sec]
            research = rng.random() < 0.08
            while True:
                stem = rng.choice(STEMS[country])
                word = spec["w"][lang if lang in spec["w"] else "en"]
                name = (f"{RPREFIX[lang]} {stem} {word}" if research else f"{stem} {word} {rng.choice(FORM[country])}")
                if name not in used:
                    used.add(name); break
            town, pc, region = rng.choice(TOWNS[country])
            a1, a2 = rng.sample(spec["acts"], 2)
            desc = {}
            for L in dict.fromkeys([lang, "en"] + (["nl"] if country in ("BE", "NL") else [])):   # fixed order (was a set: byte order of the JSON varied with PYTHONHASHSEED, content did not)
                i_ = LIDX[L]
                subj = (SUBJ_R if research else SUBJ)[L]
                cust = (CUST_R if research else CUST)[L].format(spec["cust"][i_])
                desc[L] = f"{name} {FROM[L]} {town} {a1[i_]}. {subj} {a2[i_]}. {cust}"
            offers, seeks = [], []
            if rng.random() < 0.2:
                offers = [a1[1].split(" ", 1)[1]]
                seeks = [rng.choice(spec["seeks"])]
            out.append(dict(name=name, country=country, region=f"{town} ({region})", postcode=pc,
                            kind="research" if research else "company", language=lang, description=desc,
                            offers=offers, seeks=seeks, sector=sec))
    return out

# ---------------------------------------------------------------- assemble, split, validate, write
import json, os, random, collections
HERE = os.path.dirname(os.path.abspath(__file__))

def main():
    rng = random.Random(SEED)
    companies, key2id = [], {}
    def add(rec):
        rec = dict(rec)
        rec["id"] = f"rp-{len(companies)+1:04d}"
        companies.append(rec)
        return rec["id"]
    def add_pair_co(k):
        c = C[k]
        key2id[k] = add(dict(name=c["name"], country=c["country"], region=c["region"], postcode=c["postcode"],
            kind=c["kind"], language=c["language"], description=c["description"], offers=c["offers"], seeks=c["seeks"],
            nace=None, written=False, role="pair", description_basis=c["basis"], source=c["sources"][0],
            sources=c["sources"], accessed=ACC))
    def add_rd(d):
        add(dict(d, offers=[], seeks=[], nace=None, written=False, role="distractor", description_basis="source text",
                 source=d["sources"][0], accessed=ACC))
    # first pass, unchanged order: pair companies, real distractors, written distractors (ids rp-0001 .. rp-0378)
    for k in C_OLD_KEYS: add_pair_co(k)
    for d in RD[:RD_OLD_LEN]: add_rd(d)
    written = make_written(rng, {"NL": 95, "BE": 95, "DE": 60, "FR": 20, "UK": 10})
    for w in written:
        add(dict(w, nace=None, written=True, role="distractor", description_basis="written", source=None, sources=[], accessed=None))
    n_first = len(companies)
    # second pass, appended: new pair companies, new real distractors
    for k in C_P2_KEYS: add_pair_co(k)
    for d in RD[RD_OLD_LEN:RD_P2_END]: add_rd(d)
    n_second = len(companies)
    # third pass, appended the same way
    for k in C_P3_KEYS: add_pair_co(k)
    for d in RD[RD_P2_END:]: add_rd(d)
    n_real_distr = len(RD)

    # split unit: the funded cooperation ("project"); projects sharing a company are merged into one group.
    def grouping(plist):
        parent = {}
        def find(x):
            parent.setdefault(x, x)
            while parent[x] != x:
                parent[x] = parent[parent[x]]; x = parent[x]
            return x
        for p in plist:
            for side in ("a", "b"):
                parent.setdefault(p["project"], p["project"])
                ck = "co:" + p[side]
                ra, rb = find(p["project"]), find(ck)
                if ra != rb: parent[rb] = ra
        groups = collections.defaultdict(list)
        for p in plist: groups[find(p["project"])].append(p)
        return find, groups
    def seeded_assign(groups, side_n):
        gkeys = sorted(groups)
        rng2 = random.Random(SEED); rng2.shuffle(gkeys)
        order = sorted(gkeys, key=lambda g: (-len(groups[g]), gkeys.index(g)))   # largest first, seeded order breaks ties
        out = {}
        for g in order:
            s_ = "dev" if side_n["dev"] <= side_n["test"] else "test"
            out[g] = s_; side_n[s_] += len(groups[g])
        return out
    # (1) first pass: the original rule on the original pairs only -> must equal the frozen table
    P1, P2 = P[:P_OLD_LEN], P[P_OLD_LEN:]
    find1, groups1 = grouping(P1)
    gsplit1 = seeded_assign(groups1, {"dev": 0, "test": 0})
    proj_split = {p["project"]: gsplit1[find1(p["project"])] for p in P1}
    assert proj_split == FROZEN_SPLIT, "first-pass split changed"
    proj_group = {p["project"]: find1(p["project"]) for p in P1}
    # (2) later passes, one after the other: group all pairs up to the end of the pass; a new project that shares an
    #     organisation with an existing group inherits that group's (frozen) split; the remaining new groups get the same
    #     seeded rule, continuing from the per-side counts. Earlier passes are never re-assigned.
    side_n = {"dev": sum(proj_split[p["project"]] == "dev" for p in P1), "test": sum(proj_split[p["project"]] == "test" for p in P1)}
    for end in (P_P2_END, len(P)):
        findA, groupsA = grouping(P[:end])
        new_only = {}
        for g, ps in groupsA.items():
            old = {proj_split[p["project"]] for p in ps if p["project"] in proj_split}
            assert len(old) <= 1, ("new project bridges dev and test groups", g)
            if old:
                s_ = old.pop()
                oldg = sorted({proj_group[p["project"]] for p in ps if p["project"] in proj_group})[0]
                for p in ps:
                    if p["project"] not in proj_split:
                        proj_split[p["project"]] = s_; proj_group[p["project"]] = oldg; side_n[s_] += 1
            else:
                new_only[g] = ps
        gsplit2 = seeded_assign(new_only, side_n)
        for g, ps in new_only.items():
            for p in ps: proj_split[p["project"]] = gsplit2[g]; proj_group[p["project"]] = g
        if end == P_P2_END:
            assert {p["project"]: proj_split[p["project"]] for p in P[P_OLD_LEN:P_P2_END]} == FROZEN_SPLIT2, "second-pass split changed"
    groups = groupsA
    pairs = []
    for p in P:
        pairs.append(dict(project=p["project"], programme=p["programme"], source=p["source"], accessed=ACC,
                          a=key2id[p["a"]], b=key2id[p["b"]], relation=p["relation"], umbrella=p["umbrella"],
                          split_group=proj_group[p["project"]], split=proj_split[p["project"]]))
    # company split for real pair members; distractors split 50/50 with the seed
    csplit = {}
    for p in pairs:
        for s in ("a", "b"):
            csplit.setdefault(p[s], set()).add(p["split"])
    rng3 = random.Random(SEED + 1)
    for c in companies:
        if c["role"] == "pair":
            sp = csplit[c["id"]]; assert len(sp) == 1, (c["name"], sp); c["split"] = sp.pop()
        else:
            c["split"] = rng3.choice(["dev", "test"])

    # ---- validation
    ids = {c["id"]: c for c in companies}
    assert len(ids) == len(companies)
    names = [c["name"] for c in companies]; assert len(set(names)) == len(names), "duplicate names"
    seen = set()
    for p in pairs:
        a, b = ids[p["a"]], ids[p["b"]]
        assert a["country"] != b["country"], ("not cross-border", a["name"], b["name"])
        assert not a["written"] and not b["written"]
        key = tuple(sorted((p["a"], p["b"]))); assert key not in seen, key; seen.add(key)
    for c in companies:
        d = c["description"]
        assert c["language"] in d and "en" in d, c["name"]
        if c["country"] in ("BE", "NL"): assert "nl" in d, c["name"]
        if not c["written"]: assert c["source"] and c["accessed"], c["name"]
        for t in d.values(): assert 1 <= t.count(". ") + 1 <= 4, (c["name"], t)
    for g, ps in groups.items(): assert len({proj_split[p["project"]] for p in ps}) == 1, g
    # the first pass is untouched: same ids, names and splits as before the extension
    assert all(c["id"] == f"rp-{i+1:04d}" for i, c in enumerate(companies))
    assert n_first == 378 and len(P1) == 61 and n_second == 420 and P_P2_END == 84
    # no project of Interreg Vlaanderen-Nederland or CrossRoads
    for p in pairs: assert "vlaanderen-nederland" not in (p["programme"] + p["source"]).lower() and "crossroads" not in p["project"].lower()

    # ---- write
    key_order = ["id","name","country","region","postcode","kind","language","description","offers","seeks","nace",
                 "written","role","description_basis","split","source","sources","accessed","sector"]
    with open(os.path.join(HERE, "companies.jsonl"), "w", encoding="utf-8") as f:
        for c in companies:
            f.write(json.dumps({k: c.get(k) for k in key_order if k in c}, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, "pairs.jsonl"), "w", encoding="utf-8") as f:
        for p in pairs: f.write(json.dumps(p, ensure_ascii=False) + "\n")

    # ---- stats
    st = collections.OrderedDict()
    real = [c for c in companies if not c["written"]]
    st["projects"] = len({p["project"] for p in pairs})
    st["umbrella programmes/schemes"] = len({p["umbrella"] or p["project"] for p in pairs})
    st["split groups"] = len(groups)
    st["pairs"] = len(pairs)
    st["pairs dev / test"] = f'{sum(p["split"]=="dev" for p in pairs)} / {sum(p["split"]=="test" for p in pairs)}'
    st["projects dev / test"] = f'{len({p["project"] for p in pairs if p["split"]=="dev"})} / {len({p["project"] for p in pairs if p["split"]=="test"})}'
    st["pairs bilateral / consortium"] = f'{sum(p["relation"]=="bilateral" for p in pairs)} / {sum(p["relation"]=="consortium" for p in pairs)}'
    cc = collections.Counter("-".join(sorted((ids[p["a"]]["country"], ids[p["b"]]["country"]))) for p in pairs)
    st["pairs by countries"] = ", ".join(f"{k}: {v}" for k, v in sorted(cc.items()))
    kk = collections.Counter("-".join(sorted((ids[p["a"]]["kind"], ids[p["b"]]["kind"]))) for p in pairs)
    st["pairs by kinds"] = ", ".join(f"{k}: {v}" for k, v in sorted(kk.items()))
    st["companies total"] = len(companies)
    st["real companies in pairs"] = sum(c["role"]=="pair" for c in companies)
    st["distractors real / written"] = f"{n_real_distr} / {len(written)}"
    st["companies by language (own)"] = ", ".join(f"{k}: {v}" for k, v in sorted(collections.Counter(c['language'] for c in companies).items()))
    st["real by language (own)"] = ", ".join(f"{k}: {v}" for k, v in sorted(collections.Counter(c['language'] for c in real).items()))
    st["companies by country"] = ", ".join(f"{k}: {v}" for k, v in sorted(collections.Counter(c['country'] for c in companies).items()))
    st["with Dutch text / with English text"] = f'{sum("nl" in c["description"] for c in companies)} / {sum("en" in c["description"] for c in companies)}'
    st["real pair members with offers or seeks"] = sum(bool(c["offers"] or c["seeks"]) for c in companies if c["role"]=="pair")
    st["real pair members described from project role only"] = sum(c["description_basis"]=="project role" for c in companies if c["role"]=="pair")
    for k, v in st.items(): print(f"{k}: {v}")
    with open(os.path.join(HERE, "stats.json"), "w", encoding="utf-8") as f:
        json.dump(st, f, ensure_ascii=False, indent=1)
    return st

if __name__ == "__main__":
    main()
