// Every GraphQL document the page sends, in one place, so the tests can validate them against the schema.

export const SEARCH = `
query ExplorerSearch($text: String!) {
  search(text: $text, first: 10) { score matchedBy entity { uid kind name nameEn region } }
}`;

// The pickers of the programme views: a search within some kinds only.
export const SEARCH_KINDS = `
query ExplorerSearchKinds($text: String!, $kinds: [EntityKind!]) {
  search(text: $text, kinds: $kinds, first: 10) { matchedBy entity { uid kind name nameEn region } }
}`;

export const STATS = `
query ExplorerStats {
  stats { entities relationships byKind { key total } }
}`;

export const ENTITY = `
query ExplorerEntity($uid: String!) {
  entity(uid: $uid) {
    uid kind name nameEn region aliases tags description source synthetic updatedAt
    ... on Achievement { achievementType trl status year }
    ... on ChainSegment { position stream }
    ... on Enterprise { chainLeader specialised highTech techSme stage size founded employees website }
    ... on Field { depth }
    ... on Institution { institutionType }
    ... on Investor { fundType stages sectors fundSize }
    ... on Park { level focusIndustries district }
    ... on Programme { programmeType }
    ... on Region { level }
    ... on Scientist { title isAcademician overseas young gender }
    ... on ServiceAgency { services accreditation }
    ... on Society { level rating category serviceStation website }
    ... on Workstation { stationKind level established status }
  }
}`;

export const NEIGHBORHOOD = `
query ExplorerNeighborhood($uid: String!, $limit: Int!) {
  neighborhood(uid: $uid, depth: 1, limit: $limit) {
    truncated
    nodes { uid kind name nameEn region depth }
    edges { source target type }
  }
}`;

const RECOMMENDATION = `
  score existing
  partner { uid kind name nameEn region }
  components { name score weight }
  reasons { component zh en evidence { nodes edges { source type target } } }`;

export const RECOMMEND = `
query ExplorerRecommend($uid: String!, $need: NeedInput, $kinds: [EntityKind!], $region: String, $weights: WeightsInput) {
  recommendPartners(for: $uid, need: $need, kinds: $kinds, region: $region, weights: $weights, first: 10) {${RECOMMENDATION}
  }
}`;

export const UNDERSTAND_NEED = `
query ExplorerUnderstandNeed($text: String!) {
  understandNeed(text: $text) { understood { word field name nameEn } notUnderstood }
}`;

export const FIELDS = `
query ExplorerFields {
  entities(kind: FIELD, first: 100, orderBy: NAME) { edges { node { uid name nameEn } } }
}`;

export const TEAM = `
query ExplorerTeam($uid: String!, $need: NeedInput, $region: String, $weights: WeightsInput) {
  recommendTeam(for: $uid, need: $need, region: $region, weights: $weights, first: 3) {
    score cohesion
    reasons { component zh en evidence { nodes edges { source type target } } }
    members {${RECOMMENDATION}
    }
  }
}`;

export const PATHS = `
query ExplorerPaths($from: String!, $to: String!, $maxHops: Int!) {
  paths(from: $from, to: $to, maxHops: $maxHops, first: 3) {
    length
    nodes { uid kind name nameEn region }
    edges { source target type }
  }
}`;

export const CHAINS = `
query ExplorerChains {
  entities(kind: INDUSTRY_CHAIN, orderBy: NAME, first: 50) { edges { node { uid name nameEn } } }
}`;

export const CHAIN_GAPS = `
query ExplorerChainGaps($chain: String!, $region: String) {
  chainGaps(chain: $chain, region: $region, suggest: 3) {
    chain name nameEn region regionDefaulted scopeZh scopeEn
    gaps { kind severity zh en }
    segments {
      uid name nameEn position enterprises
      coverage { enterprises chainLeaders specialised scientists institutions workstations investors agencies transfers }
      gaps { kind severity zh en suggestions { score partner { uid kind name nameEn region } } }
    }
  }
}`;

export const CLOSE_GAPS = `
query ExplorerCloseGaps($chain: String!, $region: String) {
  closeGaps(chain: $chain, region: $region, budget: 5) {
    gain
    closes { segment kind severity }
    recruit { score partner { uid kind name nameEn region } }
  }
}`;

const TRANSFER_CHAIN = `steps { role uid name kind relation } parties missing complete`;

export const TRANSFERS_FROM = `
query ExplorerTransfersFrom($uid: String!) {
  transferChains(from: $uid, first: 20) { ${TRANSFER_CHAIN} }
}`;

export const TRANSFERS_TO = `
query ExplorerTransfersTo($uid: String!) {
  transferChains(to: $uid, first: 20) { ${TRANSFER_CHAIN} }
}`;

// Names for the uids an evidence path mentions; the page asks for a handful at a time (aliases are limited).
export function entitiesByUid(count) {
  const vars = Array.from({ length: count }, (_, i) => `$u${i}: String!`).join(", ");
  const fields = Array.from(
    { length: count },
    (_, i) => `e${i}: entity(uid: $u${i}) { uid kind name nameEn region }`,
  ).join("\n  ");
  return `query ExplorerNames(${vars}) {\n  ${fields}\n}`;
}

// Transfer chains into several enterprises of a segment in one round trip.
export function transfersInto(count) {
  const vars = Array.from({ length: count }, (_, i) => `$u${i}: String!`).join(", ");
  const fields = Array.from(
    { length: count },
    (_, i) => `t${i}: transferChains(to: $u${i}, first: 5) { ${TRANSFER_CHAIN} }`,
  ).join("\n  ");
  return `query ExplorerSegmentTransfers(${vars}) {\n  ${fields}\n}`;
}

export const OVERVIEW = `
query ExplorerOverview($regions: [String!]) {
  regionOverview(regions: $regions) {
    region workstations partnerUnits societies5a enterpriseAssociations enterprises chainLeaders specialised
    transfersByYear { year transfers }
    chains { chain name nameEn segments covered gaps chainLeaders }
  }
}`;

// Programmes (issue 19): lists for the pickers, then one document per programme view.
export const REGIONS = `
query ExplorerRegions {
  entities(kind: REGION, orderBy: NAME, first: 100) { edges { node { uid name nameEn } } }
}`;

export const PARKS = `
query ExplorerParks {
  entities(kind: PARK, orderBy: NAME, first: 100) { edges { node { uid name nameEn region } } }
}`;

export const PROGRAMMES = `
query ExplorerProgrammes {
  entities(kind: PROGRAMME, orderBy: NAME, first: 100) { edges { node { uid name nameEn } } }
}`;

const SERVED_NEED = `enterprise { uid name nameEn } need { uid name nameEn } weight stated`;

export const SERVICE_TEAM = `
query ExplorerServiceTeam($size: Int!, $region: String, $park: String, $chain: String, $kinds: [EntityKind!], $exclude: [String!], $mustInclude: [String!]) {
  formServiceTeam(size: $size, region: $region, park: $park, chain: $chain, kinds: $kinds, exclude: $exclude, mustInclude: $mustInclude) {
    scope place basis basisNote enterprises covered total optimumAtMost guarantee
    members { expert { uid kind name nameEn region } gain serves forced covers { ${SERVED_NEED} } }
    uncovered { ${SERVED_NEED} }
  }
}`;

const REACH = `segments fields districts`;

export const EXPAND_PROGRAMME = `
query ExplorerExpandProgramme($programme: String!, $count: Int!, $region: String) {
  expandPartnerProgramme(programme: $programme, count: $count, region: $region) {
    programme name partners
    before { ${REACH} } after { ${REACH} } total { ${REACH} }
    picks { entity { uid kind name nameEn region } gain score covers { kind uid name nameEn } reasons { component zh en } }
  }
}`;

export const TALENT_MAP = `
query ExplorerTalentMap($chain: String!, $region: String) {
  talentMap(chain: $chain, region: $region) {
    chain name nameEn region regionEn regionDefaulted places mostlyOutside
    segments {
      uid name nameEn position shareOutside mostlyOutside zh en
      inRegion { total } outside { total }
      places { place nameEn inRegion counts { total scientists academicians senior young overseas institutions societies workstations } }
    }
  }
}`;

export const REVIEW_WORKSTATIONS = `
query ExplorerReviewWorkstations($region: String, $since: Int) {
  reviewWorkstations(region: $region, since: $since) {
    region since renewScore reviewed rule { zh en }
    verdicts { renew watch considerClosing }
    stations {
      uid name nameEn stationKind region score verdict
      host { uid name nameEn kind region }
      activity { experts academicians collaborations developed transferred transferredToHost }
      reasons { zh en }
    }
    candidates { uid name nameEn kind region score reasons { zh en } }
  }
}`;

export const ENTERPRISES_IN_REGION = `
query ExplorerEnterprisesInRegion($region: String!, $first: Int!, $after: String) {
  entities(kind: ENTERPRISE, where: { region: $region }, orderBy: NAME, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { uid kind name nameEn region } }
  }
}`;

export const CHAIN_SEGMENTS = `
query ExplorerChainSegments($chain: String!) {
  neighborhood(uid: $chain, depth: 1, relTypes: [PART_OF], kinds: [CHAIN_SEGMENT], limit: 100) { nodes { uid kind } }
}`;

// The enterprises of several segments of a chain in one round trip.
export function enterprisesInSegments(count) {
  const vars = Array.from({ length: count }, (_, i) => `$u${i}: String!`).join(", ");
  const fields = Array.from(
    { length: count },
    (_, i) =>
      `s${i}: neighborhood(uid: $u${i}, depth: 1, relTypes: [IN_SEGMENT], kinds: [ENTERPRISE], limit: 200) { nodes { uid kind name nameEn region } }`,
  ).join("\n  ");
  return `query ExplorerSegmentEnterprises(${vars}) {\n  ${fields}\n}`;
}

export const MATCHMAKING = `
query ExplorerMatchmaking($enterprises: [String!]!, $rounds: Int!, $partners: [String!], $kinds: [EntityKind!], $capacity: Int, $perEnterprise: Int) {
  planMatchmakingEvent(enterprises: $enterprises, rounds: $rounds, partners: $partners, kinds: $kinds, capacity: $capacity, perEnterprise: $perEnterprise) {
    totalScore rounds capacity perEnterprise candidatePairs
    meetings { round table score enterprise { uid kind name nameEn } partner { uid kind name nameEn region } reasons { component zh en } }
    unmatched { enterprise { uid kind name nameEn } meetings wanted why }
  }
}`;

// The matchmaking workflow (issue 21): needs, the managers' queue, introductions and their moves.
const NEED_CORE = `id enterpriseUid text fields budgetMin budgetMax deadline region enterpriseRegion confidentiality
    status createdAt createdBy updatedAt
    enterprise { uid kind name nameEn region }`;

const STEP = `fromStatus toStatus at by note`;

const INTRO_BRIEF = `id needId status source note createdAt updatedAt
    enterprise { uid kind name nameEn region }
    partner { uid kind name nameEn region }`;

export const NEED_QUEUE = `
query ExplorerNeedQueue($region: String, $chain: String, $first: Int!, $after: String) {
  needQueue(region: $region, chain: $chain, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { cursor node { ${NEED_CORE}
      bestCandidates(first: 3) { score partner { uid kind name nameEn region } reasons { zh en } }
    } }
  }
}`;

// Who the token speaks for and what it may do: the views offer those moves only.
export const VIEWER = `
query ExplorerViewer {
  viewer { role enterpriseUid mayReadRecords mayReadQueue mayBroker mayPostNeeds mayReadAudit }
}`;

export const TECH_NEED = `
query ExplorerTechNeed($id: String!) {
  techNeed(id: $id) {
    ${NEED_CORE}
    history { ${STEP} }
    introductions(first: 50) { pageInfo { hasNextPage } edges { node { ${INTRO_BRIEF} } } }
  }
}`;

// A need's best candidates, asked apart: only staff can propose, and the recommender's answer costs more.
export const NEED_CANDIDATES = `
query ExplorerNeedCandidates($id: String!) {
  techNeed(id: $id) {
    id
    bestCandidates(first: 5) { score partner { uid kind name nameEn region } reasons { zh en } }
  }
}`;

export const MY_NEEDS = `
query ExplorerMyNeeds($first: Int!, $after: String) {
  techNeeds(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { ${NEED_CORE} } }
  }
}`;

export const MY_INTRODUCTIONS = `
query ExplorerMyIntroductions($first: Int!, $after: String) {
  introductions(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { ${INTRO_BRIEF} partnerContact { phone email } } }
  }
}`;

// With INTRO_BRIEF, what an introduction's page shows (constants hold no constants: the query test resolves one level).
const INTRO_MORE = `partnerKind createdBy
    history { fromStatus toStatus at by note }
    decline { reason text side }
    agreement { kind relation source target }
    need { id text status }
    partnerContact { phone email }`;

export const INTRODUCTION = `
query ExplorerIntroduction($id: String!) {
  introduction(id: $id) { ${INTRO_BRIEF} ${INTRO_MORE} }
}`;

const REFUSALS = `... on InvalidInput { code message problems { field message } }
    ... on NotFound { code message uid }`;

export const POST_NEED = `
mutation ExplorerPostNeed($input: TechNeedInput!) {
  postTechNeed(input: $input) {
    ... on TechNeedPayload { need { id } }
    ${REFUSALS}
  }
}`;

export const EDIT_NEED = `
mutation ExplorerEditNeed($id: String!, $input: TechNeedEditInput!, $note: String!) {
  editTechNeed(id: $id, input: $input, note: $note) {
    ... on TechNeedPayload { need { id } }
    ${REFUSALS}
  }
}`;

export const CHANGE_NEED_STATUS = `
mutation ExplorerChangeNeedStatus($id: String!, $to: NeedStatus!, $note: String!) {
  changeTechNeedStatus(id: $id, to: $to, note: $note) {
    ... on TechNeedPayload { need { id status } }
    ${REFUSALS}
  }
}`;

export const PROPOSE_INTRODUCTION = `
mutation ExplorerProposeIntroduction($input: ProposeIntroductionInput!) {
  proposeIntroduction(input: $input) {
    ... on IntroductionPayload { introduction { id } }
    ${REFUSALS}
  }
}`;

export const ADVANCE_INTRODUCTION = `
mutation ExplorerAdvanceIntroduction($input: AdvanceIntroductionInput!) {
  advanceIntroduction(input: $input) {
    ... on IntroductionPayload { introduction { ${INTRO_BRIEF} ${INTRO_MORE} } }
    ${REFUSALS}
  }
}`;

// The workflow KPIs by month (issue 21, item 5). The explorer's documents hold no fragments.
const KPI_CELLS = `month needsPosted needsDocked needsMet introductionsProposed introductionsAgreed
    introductionsDeclined conversionRate medianDaysToAgreement`;
export const WORKFLOW_KPIS = `
query ExplorerWorkflowKpis($region: String, $programme: String, $from: String, $to: String) {
  workflowKpis(region: $region, programme: $programme, from: $from, to: $to) {
    region programmeUid programmeName firstMonth lastMonth publicOnly
    months { ${KPI_CELLS} }
    totals { ${KPI_CELLS} }
    declineReasons { reason nameZh nameEn count share }
  }
}`;
