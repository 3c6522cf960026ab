"""Every source a rule or recommendation may cite, by the id used in `shared/clinical/`."""

from __future__ import annotations

from typing import Final

SOURCES: Final[dict[str, str]] = {
    "SEED": "Patient-education article on leg nerve pain after back surgery "
    "(shared/seed/000_a27c45a48f4e895c.txt)",
    "SAFETY": "Rootwise safety principle: an unanswered or uncertain red-flag answer is "
    "never reassuring; when in doubt, the higher level (design.md)",
    "GIRFT-CES": "GIRFT / British Association of Spine Surgeons, National Suspected Cauda "
    "Equina Syndrome Pathway (2023)",
    "AHN2000": "Ahn UM et al. Spine 2000;25:1515 - CES outcome and time to decompression",
    "HEMATOMA": "Kou J et al. Spine 2002;27:1670 - symptomatic epidural haematoma after "
    "spine surgery",
    "SEA": "Darouiche RO. N Engl J Med 2006;355:2012 - spinal epidural abscess",
    "VTE": "Glotzbecker MP et al. Spine 2009;34:291 - thromboembolism after spine surgery",
    "FDA2019": "US FDA Drug Safety Communication, 19 Dec 2019 - gabapentinoids and "
    "respiratory depression",
    "NHSN": "CDC/NHSN Surgical Site Infection Event (Patient Safety Component Manual, ch. 9)",
    "DUROTOMY": "Ishikura H et al. / systematic reviews of incidental durotomy in lumbar surgery",
    "NSAID-GI": "NSAID product labelling; NICE CKS NSAIDs",
    "REHERNIATION": "Parker SL et al. / systematic reviews of recurrent lumbar disc herniation",
    "CG173": "NICE CG173 Neuropathic pain in adults: pharmacological management",
    "NG59": "NICE NG59 Low back pain and sciatica in over 16s",
    "MATHIESON2017": "Mathieson S et al. N Engl J Med 2017;376:1111 - pregabalin for sciatica",
    "LABEL": "Gabapentin and pregabalin prescribing information (renal dosing)",
    "NSAID-FUSION": "Sivaganesan A et al. / Li Q et al. meta-analyses of NSAIDs and spinal fusion",
    "CDC2022": "CDC Clinical Practice Guideline for Prescribing Opioids for Pain, 2022",
    "NEURODYNAMICS": "Basson A et al. JOSPT 2017 - neural mobilisation systematic review",
    "TENS": "TENS device labelling and contraindications",
    "NASS-ESI": "North American Spine Society evidence-based guideline on lumbar "
    "radiculopathy; ESI reviews",
    "RFA": "Medial branch radiofrequency neurotomy reviews and practice guidelines",
    "SPORT": "Weinstein JN et al. JAMA 2006;296:2441 (SPORT, lumbar disc herniation)",
    "PSPS": "Christelis N et al. Pain Med 2021 - persistent spinal pain syndrome definitions",
    "PROCESS": "Kumar K et al. Pain 2007;132:179 and Neurosurgery 2008;63:762 - SCS vs "
    "conventional management in FBSS",
    "TA159": "NICE TA159 Spinal cord stimulation for chronic pain of neuropathic or "
    "ischaemic origin",
    "MINT": "Juch JNS et al. JAMA 2017;318:68 - radiofrequency denervation trials",
    "ESI-META": "Chang-Chien GC et al. Pain Physician 2014 - transforaminal vs interlaminar ESI",
    "FDA2014": "US FDA Drug Safety Communication, 23 Apr 2014 - epidural corticosteroid injections",
    "CASHIN2021": "Cashin AG et al. BMJ 2021;374:n1446 - muscle relaxants for low back pain",
    "BASS2011": "British Association of Spine Surgeons 2011 abstract, 100 consecutive "
    "discectomies/decompressions (Bone Joint J Orthop Proc 94-B Supp XXVI)",
    "PEUL2007": "Peul WC et al. N Engl J Med 2007;356:2245 - early surgery vs prolonged "
    "conservative care for sciatica",
    "SWESPINE": "Beck J et al. J Neurosurg Spine 2021;34:759 - Swespine lumbar disc "
    "herniation outcomes",
    "NORSPINE": "NORspine lumbar disc herniation outcomes, Eur Spine J 2017",
    "POSTACCHINI": "Postacchini F et al. J Bone Joint Surg Br 2002;84:1040 - motor recovery "
    "after microdiscectomy",
}
