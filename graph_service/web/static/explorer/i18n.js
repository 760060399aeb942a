// Chinese first; English by the toggle. The choice is remembered in this browser only.
const LANG_KEY = "ecosystem-graph.lang";

const TEXT = {
  title: ["创新生态图谱", "Ecosystem Graph"],
  skipToSearch: ["跳到搜索", "Skip to search"],
  searchLabel: ["搜索实体", "Search entities"],
  searchPlaceholder: ["输入名称中任意两个字，如「高新」", "Any two characters of a name, e.g. 高新"],
  searchNone: ["没有找到匹配的实体", "No matching entity"],
  searchCount: ["条结果", "results"],
  searchTooShort: ["请至少输入两个字", "Type at least two characters"],
  navHome: ["首页", "Home"],
  navPaths: ["引荐路径", "Introductions"],
  navChains: ["产业链", "Industry chains"],
  navOverview: ["地区概览", "Overview"],
  navProgrammes: ["对接与服务", "Programmes"],
  navKpis: ["对接指标", "KPIs"],
  kpiHeading: ["供需对接工作指标", "Matchmaking workflow KPIs"],
  kpiRegion: ["地区", "Region"],
  kpiProgramme: ["计划标识", "Programme uid"],
  kpiFrom: ["起始月份", "From month"],
  kpiTo: ["结束月份", "To month"],
  kpiShow: ["查看", "Show"],
  kpiAnyRegion: ["全部地区", "every region"],
  kpiAnyProgramme: ["全部计划", "every programme"],
  kpiAllRegions: ["全部地区", "Every region"],
  kpiAllProgrammes: ["全部计划", "Every programme"],
  kpiPublicOnly: ["仅统计公开记录（分析员）", "Public records only (analysts)"],
  kpiMonth: ["月份", "Month"],
  kpiTotal: ["合计", "Total"],
  kpiPosted: ["发布需求", "Needs posted"],
  kpiDocked: ["进入对接", "Taken into docking"],
  kpiMet: ["已满足", "Needs met"],
  kpiProposed: ["提出引荐", "Introductions proposed"],
  kpiAgreed: ["达成合作", "Agreed"],
  kpiDeclined: ["婉拒", "Declined"],
  kpiConversion: ["转化率", "Conversion"],
  kpiMedianDays: ["达成天数中位数", "Median days to agreement"],
  kpiCount: ["次数", "Count"],
  kpiNeedsChart: ["每月需求", "Needs by month"],
  kpiIntroductionsChart: ["每月对接引荐", "Introductions by month"],
  kpiConversionChart: ["转化率（按提出月份）", "Conversion by month proposed"],
  kpiDeclinesChart: ["婉拒原因", "Why introductions were declined"],
  kpiTableHeading: ["月度明细", "Month by month"],
  kpiDeclinesHeading: ["最常见的婉拒原因", "Most common decline reasons"],
  kpiNoDeclines: ["本期没有婉拒", "No introduction was declined in the period"],
  kpiRules: [
    "月份按北京时间；进入对接按首次计；转化率 = 当月提出的引荐中，期末前达成合作的比例。",
    "Months in China time; docking counted the first time only; conversion = the share of the month's proposed introductions agreed by the period's end.",
  ],
  pgEvent: ["精准对接会", "Matchmaking event"],
  pgTeam: ["专家服务团", "Expert service team"],
  pgExpand: ["生态伙伴扩容", "Partner expansion"],
  pgTalent: ["产业人才图谱", "Industry talent map"],
  pgWorkstations: ["工作站评估", "Workstation review"],
  pgAny: ["（不限）", "(any)"],
  pgPark: ["园区", "Park"],
  pgSize: ["团队人数", "Team size"],
  pgPickScope: ["请选择地区、园区或产业链", "Pick a region, a park or a chain"],
  pgEnterprises: ["企业", "Enterprises"],
  pgCovered: ["覆盖需求（加权）", "Needs covered (weighted)"],
  pgShare: ["覆盖率", "Share covered"],
  pgBound: ["最优覆盖不超过", "The best team covers at most"],
  pgGuarantee: ["贪心选择，覆盖不低于最优的 {g}%（1−1/e）", "Chosen greedily: within {g}% of the best (1 − 1/e)"],
  pgForced: ["必选", "required"],
  pgServes: ["服务企业", "enterprises served"],
  pgCovers: ["覆盖的企业需求", "Needs it meets"],
  pgNoMembers: ["没有可选的专家", "No expert to choose"],
  pgUncovered: ["未覆盖的需求", "Needs left uncovered"],
  pgProgramme: ["计划", "Programme"],
  pgCount: ["吸纳数", "How many"],
  pgPartners: ["现有伙伴", "current partners"],
  pgReach: ["覆盖：扩容前后", "Reach before and after"],
  pgSegments: ["产业链环节", "Chain segments"],
  pgFields: ["技术领域", "Fields"],
  pgDistricts: ["区县", "Districts"],
  pgBefore: ["扩容前", "Before"],
  pgAfter: ["扩容后", "After"],
  pgTotal: ["全部", "All"],
  pgPicks: ["建议吸纳", "Suggested partners"],
  pgNoPicks: ["没有能扩大覆盖的单位", "No organisation widens the reach"],
  pgUnrecorded: ["地区未记录", "Place not recorded"],
  pgShareOutside: ["区外占比", "Share outside"],
  pgMostlyOutside: ["人才多在区外", "Talent mostly outside"],
  pgAcademicians: ["院士", "academicians"],
  pgDefaulted: ["（默认：产业链所在城市）", " (default: the chain's city)"],
  pgTalentLegend: [
    "数字为各环节所需领域的人才与机构数；颜色越深越多",
    "Figures count the talent and organisations each segment's fields call for; darker means more",
  ],
  pgSince: ["起始年份（可选）", "Since year (optional)"],
  pgReviewed: ["评估工作站", "Stations reviewed"],
  pgRenew: ["建议续设", "Renew"],
  pgWatch: ["观察", "Watch"],
  pgClose: ["考虑退出", "Consider closing"],
  pgStations: ["工作站排名", "Stations, ranked"],
  pgActivity: ["活跃度", "Activity"],
  pgHost: ["依托单位", "host"],
  pgExperts: ["进站专家", "experts"],
  pgCollaborations: ["合作", "collaborations"],
  pgDeveloped: ["研发成果", "developed"],
  pgTransferred: ["转化成果", "transferred"],
  pgCandidates: ["可新设工作站的候选依托单位", "Candidate hosts for new stations"],
  pgEnterpriseCount: ["选取企业数", "How many to pick"],
  pgRounds: ["轮次", "Rounds"],
  pgCapacity: ["每个对接对象最多场次", "Meetings per partner"],
  pgPerEnterprise: ["每家企业最多场次", "Meetings per enterprise"],
  pgPickEnterprises: [
    "请按地区或产业链选取参会企业，或搜索添加",
    "Pick the enterprises by region or chain, or search for them",
  ],
  pgNoEnterprises: ["没有符合条件的企业", "No enterprise matches"],
  pgTotalScore: ["总匹配分", "Total fit"],
  pgMeetings: ["会谈场次", "Meetings"],
  pgPairs: ["候选配对", "Candidate pairs"],
  pgOptimal: [
    "最优安排：最大权 b-匹配，再按二部图边着色排入各轮",
    "An optimal plan: a maximum-weight b-matching, laid into rounds by bipartite edge colouring",
  ],
  pgRoundN: ["第 {n} 轮", "Round {n}"],
  pgTableN: ["第 {n} 桌", "Table {n}"],
  pgTablePartner: ["桌号 · 对接对象", "Table · partner"],
  pgChosen: ["参会企业", "Enterprises taking part"],
  pgFromScope: ["地区或产业链中的企业（勾选即加入）", "Enterprises of the region or chain (tick to add)"],
  pgShownOf: ["显示 {shown} 家，共 {total} 家；其余请搜索添加", "{shown} of {total} shown; add others by search"],
  pgRepick: ["按地区或产业链重新选取", "Pick again by region or chain"],
  pgSearchEnterprise: ["搜索企业名称添加", "Search for an enterprise to add"],
  pgSearchPartner: ["搜索对接对象添加", "Search for a partner to add"],
  pgSearchExpert: ["搜索专家或机构", "Search for an expert or organisation"],
  pgRemove: ["移除", "Remove"],
  pgAdd: ["添加", "Add"],
  pgAlready: ["（已在名单中）", " (already listed)"],
  pgNoneChosen: ["尚未选择", "None chosen"],
  pgGivenPartners: ["指定对接对象（可选）", "Partners (optional)"],
  pgGivenPartnersNote: ["不指定则由推荐器为每家企业挑选", "Left empty, the recommender picks each enterprise's best"],
  pgPartnerKinds: ["对接对象类型", "Kinds of partner"],
  pgMemberKinds: ["成员类型", "Kinds of member"],
  pgExclude: ["排除", "Exclude"],
  pgExcluded: ["排除的专家", "Experts excluded"],
  pgMustInclude: ["必选的专家", "Experts who must be on the team"],
  pgKeep: ["设为必选", "Keep on the team"],
  pgUnkeep: ["取消必选", "No longer required"],
  pgEdited: ["名单已修改：点「查看」按新名单排期", "The list has changed: press Show to plan for it"],
  pgProblem: ["无法完成：", "Cannot do that: "],
  pgProblemHint: ["请修改上方条件后点「查看」，或者：", "Change the conditions above and press Show, or:"],
  pgDropParam: ["去掉「{label}」后重试", "Try again without “{label}”"],
  pgReset: ["恢复默认条件", "Start again from the defaults"],
  pgUnknownUids: ["以下标识不存在：{uids}", "No entity has these uids: {uids}"],
  pgWrongKind: ["以下实体不是企业：{names}", "These are not enterprises: {names}"],
  pgDropUids: ["去掉这些标识后重试", "Try again without them"],
  pgNotInteger: ["「{label}」须为整数，而不是「{value}」", "“{label}” must be a whole number, not “{value}”"],
  pgUnmatched: ["未排满的企业", "Enterprises short of meetings"],
  ovHeading: ["地区概览", "Regions at a glance"],
  ovWorkstations: ["工作站", "Workstations"],
  ovPartnerUnits: ["生态伙伴单位", "Ecosystem partners"],
  ovSocieties5a: ["5A学会", "5A societies"],
  ovEnterpriseAssociations: ["企业科协", "Enterprise associations"],
  ovChainLeaders: ["链主企业", "Chain leaders"],
  ovSpecialised: ["专精特新企业", "Specialised SMEs"],
  ovTransfersByYear: ["逐年成果转化", "Transfers by year"],
  ovTransfers: ["转化数", "Transfers"],
  ovYear: ["年份", "Year"],
  ovChains: ["本地产业链覆盖", "The region's chains"],
  ovChain: ["产业链", "Chain"],
  ovCovered: ["有企业的环节", "Segments with enterprises"],
  ovGaps: ["缺口", "Gaps"],
  ovNoChains: ["本地区未记录产业链", "No chain is recorded for this region"],
  navGraphiql: ["GraphiQL 接口", "GraphiQL API"],
  tokenLabel: ["访问令牌", "API token"],
  tokenPlaceholder: ["未启用认证时留空", "Leave empty when auth is off"],
  tokenClear: ["清除", "Clear"],
  graphHeading: ["关系图", "Graph"],
  graphLabel: ["实体关系图；同样的内容见左侧列表", "Graph of entities; the list on the left has the same content"],
  graphHint: ["点击节点展开其周边", "Click a node to expand it"],
  fit: ["适应窗口", "Fit"],
  legendAndFilters: ["图例与筛选", "Legend and filters"],
  filterKinds: ["实体类型", "Kinds"],
  filterRelations: ["关系类型", "Relationships"],
  nodes: ["节点", "nodes"],
  edges: ["边", "edges"],
  loading: ["加载中…", "Loading…"],
  homeIntro: [
    "在上方搜索框输入名称片段（如「高新」「集成电路」），打开实体查看周边关系图、合作推荐与四方团队；或查看引荐路径与产业链缺口。",
    "Type part of a name above (e.g. 高新, 集成电路) and open an entity to see its neighbourhood, partner recommendations and four-party team; or look at introductions and industry-chain gaps.",
  ],
  statsHeading: ["图谱概况", "At a glance"],
  templatesHeading: ["导入模板", "Import templates"],
  templatesIntro: [
    "下载 Excel 模板：中文表头、示例行、下拉选项和填写说明；填好后用 graph-service import 直接导入。先导入实体，再导入关系。",
    "Download an Excel template: Chinese headers, an example row, drop-down lists and notes; fill it in and import it with graph-service import. Entities first, then relationships.",
  ],
  entitiesTotal: ["实体", "Entities"],
  relationshipsTotal: ["关系", "Relationships"],
  details: ["详情", "Details"],
  open: ["打开", "Open"],
  expand: ["展开", "Expand"],
  expanded: ["已展开", "Expanded"],
  neighbours: ["周边实体", "Neighbours"],
  truncated: ["结果较多，已截断显示", "Many results: the view is cut short"],
  tabGraph: ["关系图", "Graph"],
  tabRecommend: ["合作推荐", "Partners"],
  tabTeam: ["四方团队", "Four-party team"],
  tabPathsFrom: ["从此处找引荐路径", "Introductions from here"],
  tabTransfers: ["成果转化链", "Transfer chains"],
  recommendHeading: ["推荐合作伙伴", "Recommended partners"],
  recommendNone: ["暂无推荐", "No recommendations"],
  score: ["得分", "Score"],
  weight: ["权重", "weight"],
  reasons: ["理由", "Reasons"],
  showEvidence: ["在图中显示证据", "Show evidence in the graph"],
  existing: ["已是合作伙伴", "Already a partner"],
  teamHeading: ["四方团队推荐", "Four-party teams"],
  teamNone: ["暂无团队推荐（仅适用于企业等需求方）", "No team (teams are for enterprises and other askers)"],
  team: ["团队", "Team"],
  cohesion: ["成员已有联系", "Members already tied"],
  members: ["成员", "Members"],
  showTeam: ["在图中显示团队", "Show the team in the graph"],
  pathsHeading: ["引荐路径", "Warm introductions"],
  pathsFrom: ["起点", "From"],
  pathsTo: ["终点", "To"],
  pathsPick: ["搜索并选择实体", "Search and pick an entity"],
  pathsMaxHops: ["最多跳数", "Max hops"],
  pathsFind: ["查找路径", "Find paths"],
  pathsNone: ["在给定跳数内没有引荐路径", "No introduction path within that many hops"],
  pathsNeedBoth: ["请先选择起点和终点", "Pick both ends first"],
  hops: ["跳", "hops"],
  path: ["路径", "Path"],
  showPath: ["在图中突出显示", "Highlight in the graph"],
  chainHeading: ["产业链覆盖与缺口", "Chain coverage and gaps"],
  chainPick: ["产业链", "Industry chain"],
  chainRegion: ["地区（可选）", "Region (optional)"],
  chainShow: ["查看", "Show"],
  segment: ["环节", "Segment"],
  roleEnterprises: ["企业", "Enterprises"],
  roleTalent: ["人才", "Talent"],
  roleCapital: ["资本", "Capital"],
  roleService: ["服务", "Service"],
  roleTransfers: ["成果转化", "Transfers"],
  gap: ["缺口", "Gap"],
  gaps: ["缺口与建议引进", "Gaps and suggested recruits"],
  noGaps: ["该环节无明显缺口", "No gap in this segment"],
  severity: ["严重度", "severity"],
  suggestions: ["建议引进", "Suggested recruits"],
  heatLegend: ["颜色越深覆盖越多；红框为缺口", "Darker means more coverage; a red frame marks a gap"],
  closeGaps: ["预算内最优引进（5 个）", "Best recruits within a budget of 5"],
  gain: ["边际收益", "gain"],
  flows: ["转化流向", "Transfer flows"],
  flowsNone: ["没有找到成果转化链", "No technology-transfer chain found"],
  flowsHeading: ["成果转化链", "Technology-transfer chains"],
  flowsNotApplicable: [
    "成果转化链适用于科学家、高校院所、科技成果（向前）和企业（向后）",
    "Transfer chains start at a scientist, institution or achievement, or end at an enterprise",
  ],
  complete: ["四方齐全", "All four parties"],
  missing: ["缺少", "Missing"],
  chainLeader: ["链主", "Chain leader"],
  specialisedShort: ["专精特新", "Specialised"],
  scientists: ["科技工作者", "scientists"],
  institutions: ["高校院所", "institutions"],
  workstations: ["工作站", "workstations"],
  errNetwork: ["无法连接服务，请检查网络或服务是否运行", "Cannot reach the service: check that it is running"],
  err401: [
    "需要认证：请在右上角「访问令牌」中填写有效令牌",
    "Authentication required: enter a valid token in the API token field",
  ],
  err403: ["无权访问：当前令牌没有此操作的权限", "Forbidden: this token may not do that"],
  errHttp: ["服务返回错误，状态码", "The service answered with status"],
  errNotFound: ["没有这个实体", "No such entity"],
  dismiss: ["关闭", "Dismiss"],
  retry: ["重试", "Retry"],
  needLabel: ["技术需求（日常用语即可）", "Need, in plain words"],
  needPlaceholder: ["如：需要电池管理系统专家", "e.g. battery management system experts"],
  fieldLabel: ["或选技术领域", "Or pick fields"],
  fieldPlaceholder: ["输入领域名称选择", "Type a field's name"],
  askKinds: ["推荐哪些类型", "Kinds to suggest"],
  regionOptional: ["地区（可选），如 成都", "Region (optional), e.g. Chengdu"],
  region: ["地区", "Region"],
  weights: ["各项权重（拖动即自定义）", "Weights (drag to set your own)"],
  weightDefault: ["默认", "default"],
  ask: ["推荐", "Suggest"],
  understoodAs: ["理解为：", "Understood as: "],
  notUnderstood: ["未理解：", "Not understood: "],
  didYouMean: ["您是否要找：", "Did you mean: "],
  errChangeInput: ["请修改输入后再试。", "Change the input and try again."],
  errTryAgain: ["请稍后重试；若一直如此，请联系管理员。", "Try again shortly; if it persists, tell the administrator."],
  loadFailed: ["未能加载，见上方提示。", "Could not load: see the message above."],
  yes: ["是", "yes"],
  no: ["否", "no"],
  fieldUid: ["标识", "Uid"],
  fieldKind: ["类型", "Kind"],
  fieldNameEn: ["英文名", "English name"],
  fieldRegion: ["地区", "Region"],
  fieldAliases: ["别名", "Aliases"],
  fieldTags: ["标签", "Tags"],
  fieldDescription: ["简介", "Description"],
  fieldSource: ["来源", "Source"],
  fieldSynthetic: ["合成数据", "Synthetic"],
  navQueue: ["对接队列", "Queue"],
  navMine: ["我的需求", "My needs"],
  wfHomeHeading: ["供需对接", "Matchmaking workflow"],
  wfHomeIntro: [
    "经理在「对接队列」按地区和产业链查看待对接需求并提出引荐；企业在「我的需求」发布需求、查看自己的对接。需要相应的访问令牌。",
    "Managers see open needs by region and chain in the needs queue and propose introductions; an enterprise posts its needs and follows its introductions under My needs. Each needs its own API token.",
  ],
  wfQueueHeading: ["待对接需求队列", "Queue of open needs"],
  wfQueueEmpty: ["没有符合条件的待对接需求", "No open need matches"],
  wfShown: ["已显示 {n} 条", "{n} shown"],
  wfMore: ["加载更多", "More"],
  wfEnterprise: ["企业", "Enterprise"],
  wfText: ["需求描述", "What is needed"],
  wfFields: ["技术领域", "Fields"],
  wfBudget: ["预算", "Budget"],
  wfBudgetRange: ["{min}–{max} 万元", "{min}–{max} × 10k CNY"],
  wfBudgetFrom: ["{min} 万元起", "from {min} × 10k CNY"],
  wfBudgetUpTo: ["至多 {max} 万元", "up to {max} × 10k CNY"],
  wfNotGiven: ["未填写", "not given"],
  wfDeadline: ["截止日期", "Deadline"],
  wfStatus: ["状态", "Status"],
  wfPostedAt: ["发布时间", "Posted"],
  wfUpdatedAt: ["最后变更", "Last changed"],
  wfRegionPref: ["合作方地区偏好", "Partner preferably in"],
  wfConfidentiality: ["保密级别", "Who may read it"],
  wfCandidates: ["推荐的最佳候选", "Best candidates"],
  wfNoCandidates: ["推荐器暂无候选，可在需求页人工撮合", "No candidate from the recommender"],
  wfPropose: ["提议引荐", "Propose an introduction"],
  wfTakeIntoDocking: ["转入对接", "Take into docking"],
  wfOpenNeed: ["查看需求", "Open the need"],
  wfOpenIntro: ["查看引荐", "Open the introduction"],
  wfNeedHeading: ["技术需求", "Technology need"],
  wfHistory: ["状态历史", "History"],
  wfIntroductions: ["对接引荐", "Introductions"],
  wfNoIntroductions: ["尚无对接引荐", "No introduction yet"],
  wfIntroHeading: ["对接引荐", "Introduction"],
  wfTimeline: ["进程", "Timeline"],
  wfPartner: ["合作方", "Partner"],
  wfNeed: ["所对接需求", "For the need"],
  wfNoNeed: ["（不针对具体需求）", "(not for a particular need)"],
  wfSource: ["来源", "Source"],
  wfNote: ["备注", "Note"],
  wfBy: ["操作者", "By"],
  wfDecline: ["婉拒原因", "Why it was declined"],
  wfDeclineSide: ["婉拒方", "Declined by"],
  wfAgreement: ["达成的合作", "Agreement"],
  wfRelationCreated: ["写入图谱的关系", "Relationship created"],
  wfContact: ["合作方联系方式", "Partner's contact details"],
  wfContactLater: [
    "合作方联系方式将在达成合作后显示。",
    "The partner's contact details appear once the introduction is agreed.",
  ],
  wfNoContact: ["未记录联系方式", "No contact details recorded"],
  wfNextMoves: ["下一步", "Next step"],
  wfMoveTo: ["改为「{status}」", "Mark as {status}"],
  wfFinal: ["已是终态，不再变更", "Final: nothing follows"],
  wfReadOnly: ["此令牌只能查看，不能变更状态", "This token reads only: it cannot move the record"],
  wfReason: ["原因", "Reason"],
  wfReasonText: ["补充说明（原因为“其他”时必填）", "In their words (required for other)"],
  wfSideUnsaid: ["（未说明）", "(not said)"],
  wfAgreementKind: ["合作方式", "What was agreed"],
  wfConfirm: ["确认", "Confirm"],
  wfCancel: ["取消", "Cancel"],
  wfNotFound: ["没有这条记录，或它不属于您", "Not found, or not yours"],
  wfToMine: ["返回我的需求", "Back to my needs"],
  wfToQueue: ["返回对接队列", "Back to the queue"],
  wfMineHeading: ["我的技术需求", "My technology needs"],
  wfMineNote: ["只显示本令牌可见的需求与对接", "Only the needs and introductions this token may see are shown"],
  wfMineEmpty: ["尚未发布技术需求", "No need posted yet"],
  wfPostHeading: ["发布技术需求", "Post a technology need"],
  wfBudgetMin: ["预算下限（万元）", "Budget from (10k CNY)"],
  wfBudgetMax: ["预算上限（万元）", "Budget up to (10k CNY)"],
  wfPost: ["发布", "Post"],
  wfPostedOk: ["已发布", "Posted"],
  wfMyIntroductions: ["我的对接引荐", "My introductions"],
  wfNeedMoves: ["变更需求状态", "Change the need's status"],
  wfEditHeading: ["修改需求", "Edit the need"],
  wfSaveEdit: ["保存修改", "Save the changes"],
  wfTokenHint: [
    "供需对接需要经理或企业的访问令牌：请在右上角填写后重试。",
    "The workflow needs a manager's or an enterprise's API token: enter it top right and try again.",
  ],
  wfProblem: ["无法完成：", "Cannot do that: "],
  wfFixAndRetry: ["请修改后再提交。", "Change it and submit again."],
  colon: ["：", ": "],
  listSep: ["、", ", "],
};

const KINDS = {
  SCIENTIST: ["科技工作者", "Scientist"],
  SOCIETY: ["学会/协会", "Society"],
  ENTERPRISE: ["企业", "Enterprise"],
  PARK: ["园区", "Park"],
  INVESTOR: ["创投机构", "Investor"],
  SERVICE_AGENCY: ["科技服务机构", "Service agency"],
  INSTITUTION: ["高校/科研院所", "Institution"],
  WORKSTATION: ["工作站", "Workstation"],
  ACHIEVEMENT: ["科技成果", "Achievement"],
  FIELD: ["技术领域", "Field"],
  INDUSTRY_CHAIN: ["产业链", "Industry chain"],
  CHAIN_SEGMENT: ["产业链环节", "Chain segment"],
  REGION: ["地区", "Region"],
  PROGRAMME: ["计划/平台", "Programme"],
};

const RELATIONS = {
  AFFILIATED_WITH: ["任职于", "Affiliated with"],
  MEMBER_OF: ["会员/成员", "Member of"],
  IN_FIELD: ["研究/业务领域", "In field"],
  NEEDS: ["技术需求", "Needs"],
  LOCATED_IN: ["位于", "Located in"],
  INVESTED_IN: ["投资", "Invested in"],
  SERVES: ["服务", "Serves"],
  STATIONED_AT: ["进站", "Stationed at"],
  HOSTED_BY: ["依托单位", "Hosted by"],
  DEVELOPED: ["研发", "Developed"],
  TRANSFERRED_TO: ["转化至", "Transferred to"],
  BROKERED: ["促成转化", "Brokered"],
  IN_SEGMENT: ["属于环节", "In segment"],
  PART_OF: ["属于产业链", "Part of"],
  NEXT: ["下游环节", "Next segment"],
  REQUIRES: ["需要领域", "Requires"],
  FOCUSES_ON: ["聚焦产业链", "Focuses on"],
  COLLABORATED_WITH: ["合作", "Collaborated with"],
  PARTNER_OF: ["参与计划", "Partner of"],
  BROADER: ["上位领域", "Broader field"],
  WITHIN: ["隶属地区", "Within"],
  RECOMMENDED: ["推荐", "Recommended"],
  EVIDENCE: ["证据关联", "Evidence link"],
  MEETS: ["对接会谈", "Meets"],
};

const COMPONENTS = {
  topic: ["领域匹配", "Topic fit"],
  network: ["网络邻近", "Network"],
  geography: ["地理邻近", "Geography"],
  credibility: ["可信度", "Credibility"],
  stage: ["投资阶段", "Stage fit"],
  complementarity: ["互补性", "Complementarity"],
  cohesion: ["团队凝聚", "Cohesion"],
  team: ["团队缺角", "Missing role"],
};

const GAPS = {
  NO_ENTERPRISE: ["无本地企业（补链）", "No local enterprise"],
  SINGLE_POINT: ["单点依赖", "Single point of failure"],
  TALENT_GAP: ["人才缺口", "Talent gap"],
  CAPITAL_GAP: ["资本缺口", "Capital gap"],
  SERVICE_GAP: ["服务缺口", "Service gap"],
  NO_TRANSFER: ["无成果转入", "No transfer"],
  NO_CHAIN_LEADER: ["缺少链主企业", "No chain leader"],
};

const ROLES = {
  developer: ["研发方", "Developer"],
  achievement: ["成果", "Achievement"],
  broker: ["科服机构", "Broker"],
  enterprise: ["企业", "Enterprise"],
  investor: ["创投", "Investor"],
  park: ["园区", "Park"],
};

const PARTIES = {
  scientist: ["科学家", "Scientist"],
  entrepreneur: ["企业家", "Entrepreneur"],
  investor: ["创投家", "Investor"],
  service: ["科服机构", "Service agency"],
};

// Labels of the kind-specific properties the details list shows.
const FIELDS = {
  achievementType: ["成果类型", "Type"],
  trl: ["技术成熟度", "TRL"],
  status: ["状态", "Status"],
  year: ["年份", "Year"],
  position: ["顺序", "Position"],
  stream: ["上中下游", "Stream"],
  chainLeader: ["链主企业", "Chain leader"],
  specialised: ["专精特新", "Specialised SME"],
  highTech: ["高新技术企业", "High-tech enterprise"],
  techSme: ["科技型中小企业", "Tech SME"],
  stage: ["发展阶段", "Stage"],
  size: ["规模", "Size"],
  founded: ["成立年份", "Founded"],
  employees: ["员工数", "Employees"],
  website: ["网站", "Website"],
  depth: ["层级", "Depth"],
  institutionType: ["机构类型", "Type"],
  fundType: ["基金类型", "Fund type"],
  stages: ["投资阶段", "Stages"],
  sectors: ["投资领域", "Sectors"],
  fundSize: ["基金规模", "Fund size"],
  level: ["级别", "Level"],
  focusIndustries: ["重点产业", "Focus industries"],
  district: ["区县", "District"],
  programmeType: ["计划类型", "Programme type"],
  title: ["职称", "Title"],
  isAcademician: ["院士", "Academician"],
  overseas: ["海外人才", "Overseas"],
  young: ["青年科学家", "Young scientist"],
  gender: ["性别", "Gender"],
  services: ["服务内容", "Services"],
  accreditation: ["资质", "Accreditation"],
  rating: ["评级", "Rating"],
  category: ["类别", "Category"],
  serviceStation: ["服务站", "Service station"],
  stationKind: ["工作站类型", "Station kind"],
  established: ["建站年份", "Established"],
  email: ["电子邮箱", "Email"],
  phone: ["电话", "Phone"],
};

// The workflow's closed vocabularies, keyed by the GraphQL enum names (domain/workflow.py names them too).
const NEED_STATUSES = {
  OPEN: ["待对接", "Open"],
  IN_DOCKING: ["对接中", "In docking"],
  MET: ["已满足", "Met"],
  WITHDRAWN: ["已撤回", "Withdrawn"],
  EXPIRED: ["已过期", "Expired"],
};

const INTRODUCTION_STATUSES = {
  PROPOSED: ["已提议", "Proposed"],
  CONTACTED: ["已联系", "Contacted"],
  MET: ["已会面", "Met"],
  AGREED: ["已达成合作", "Agreed"],
  DECLINED: ["已婉拒", "Declined"],
  NO_ANSWER: ["无回应", "No answer"],
};

const SOURCES = {
  RECOMMENDATION: ["系统推荐", "Recommendation"],
  EVENT_MEETING: ["对接会面谈", "Matchmaking-event meeting"],
  BY_HAND: ["人工撮合", "By hand"],
};

const DECLINE_REASONS = {
  NOT_RELEVANT: ["不相关", "Not relevant"],
  TOO_EXPENSIVE: ["费用过高", "Too expensive"],
  TIMING: ["时机不合适", "Timing"],
  HAS_PARTNER: ["已有合作方", "Already has a partner"],
  CAPABILITY: ["能力不足", "Capability insufficient"],
  NO_RESPONSE: ["无回应", "No response"],
  OTHER: ["其他", "Other"],
};

const DECLINE_SIDES = {
  ENTERPRISE: ["企业", "The enterprise"],
  PARTNER: ["合作方", "The partner"],
};

const AGREEMENT_KINDS = {
  COLLABORATION: ["合作", "Collaboration"],
  SERVICE: ["服务", "Service"],
  INVESTMENT: ["投资", "Investment"],
  TRANSFER: ["技术转移", "Technology transfer"],
};

const CONFIDENTIALITY = {
  PUBLIC: ["公开（工作人员可见）", "Public (all staff)"],
  MANAGERS_ONLY: ["仅经理可见", "Managers only"],
};

// Who made a change, by the role its history records (enterprise:<uid> names the enterprise).
const ACTORS = {
  admin: ["管理员", "Administrator"],
  manager: ["生态伙伴经理", "Manager"],
  analyst: ["分析人员", "Analyst"],
  enterprise: ["企业", "Enterprise"],
};

let lang = localStorage.getItem(LANG_KEY) === "en" ? "en" : "zh";

export function getLang() {
  return lang;
}

export function setLang(next) {
  lang = next === "en" ? "en" : "zh";
  localStorage.setItem(LANG_KEY, lang);
}

function pick(pair, fallback) {
  if (!pair) return fallback;
  return lang === "en" ? pair[1] : pair[0];
}

export const t = (key) => pick(TEXT[key], key);
// A text with {slots}: fill("pgRoundN", { n: 2 }) is 第 2 轮 or Round 2.
export const fill = (key, values) => t(key).replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
// Kinds come as GraphQL enum names (SERVICE_AGENCY) or, in counts, as the ontology's names (ServiceAgency).
export const kindCode = (name) =>
  String(name)
    .replace(/([a-z])([A-Z])/g, "$1_$2")
    .toUpperCase();
export const kindName = (kind) => pick(KINDS[kind] || KINDS[kindCode(kind)], kind);
export const relationName = (type) => pick(RELATIONS[type], type);
export const componentName = (name) => pick(COMPONENTS[name], name);
export const gapName = (kind) => pick(GAPS[kind], kind);
export const roleName = (role) => pick(ROLES[role], role);
export const fieldLabel = (key) => pick(FIELDS[key], key);
// Workflow codes come as enum names (IN_DOCKING) from fields and as stored values (in_docking) in histories.
const code = (value) => String(value || "").toUpperCase();
export const needStatusName = (s) => pick(NEED_STATUSES[code(s)], s);
export const introStatusName = (s) => pick(INTRODUCTION_STATUSES[code(s)], s);
export const sourceName = (s) => pick(SOURCES[code(s)], s);
export const declineReasonName = (s) => pick(DECLINE_REASONS[code(s)], s);
export const declineSideName = (s) => pick(DECLINE_SIDES[code(s)], s);
export const agreementName = (s) => pick(AGREEMENT_KINDS[code(s)], s);
export const confidentialityName = (s) => pick(CONFIDENTIALITY[code(s)], s);
export function actorName(label) {
  const [role, ...rest] = String(label || "").split(":");
  const who = pick(ACTORS[role], role);
  return rest.length ? `${who} ${rest.join(":")}` : who;
}
export const partyName = (party) => pick(PARTIES[party], party);
// Closed-vocabulary values (national, pre_ipo, academician…) named in words, from the
// service's ontology (/vocabulary.json), so the explorer never shows a stored code.
let VOCABULARY = {};
export async function loadVocabulary() {
  try {
    const response = await fetch("/vocabulary.json");
    if (response.ok) VOCABULARY = await response.json();
  } catch {
    // Without it values show as stored; nothing else depends on it.
  }
}
const snakeName = (name) =>
  String(name)
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase();
export const valueName = (property, value) => pick((VOCABULARY[snakeName(property)] || {})[value], value);
export const entityName = (e) => (lang === "en" && e.nameEn ? e.nameEn : e.name);
export const reasonText = (r) => (lang === "en" ? r.en : r.zh);
// The service writes some texts in both languages, "中文 / English" or "English / 中文":
// the half in the page's language, told apart by how much of each half is Chinese.
const HAN = /[\u3400-\u9fff]/g;
const hanShare = (s) => (s.match(HAN) || []).length / Math.max(1, s.length);
export function bilingual(text) {
  const parts = String(text).split(" / ");
  if (parts.length !== 2) return String(text);
  const [zh, en] = hanShare(parts[0]) >= hanShare(parts[1]) ? parts : [parts[1], parts[0]];
  return lang === "en" ? en : zh;
}

// Static parts of the page carry data-i18n attributes; views re-render themselves.
export function translatePage(root = document) {
  document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
  root.querySelectorAll("[data-i18n]").forEach((el) => {
    el.textContent = t(el.dataset.i18n);
  });
  root.querySelectorAll("[data-i18n-placeholder]").forEach((el) => {
    el.placeholder = t(el.dataset.i18nPlaceholder);
  });
  root.querySelectorAll("[data-i18n-aria-label]").forEach((el) => {
    el.setAttribute("aria-label", t(el.dataset.i18nAriaLabel));
  });
  document.title = `${t("title")} · ${lang === "en" ? "Explorer" : "探索"}`;
}
