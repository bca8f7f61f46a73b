/**
 * Who is competent for (主管), owns (权属) and maintains (养护) each kind of
 * component, keyed by class name so that the rules survive a renumbered
 * taxonomy. Dispatch reads these: components go to their owner first
 * (先属主、后属地), so the owner must be the unit a city would really call.
 */
import type { Department, DepartmentBook } from './departments.js';

/** 'street-office' resolves to the office of the street the component stands in. */
export type DepartmentChoice = Department | 'street-office';

export interface ClassDepartments {
  competent: Department;
  /** One is chosen per component (e.g. the three telecom operators share the ducts). */
  owners: DepartmentChoice[];
  /** Null: the owner maintains its own. */
  maintainer: DepartmentChoice | null;
}

export function componentDepartments(book: DepartmentBook, merchants: readonly Department[], builders: readonly Department[]): Map<string, ClassDepartments> {
  const housing = book.countyBureau('住房和城乡建设局');
  const development = book.countyBureau('发展和改革局');
  const industry = book.countyBureau('工业和信息化局');
  const civilAffairs = book.countyBureau('民政局');
  const waterAffairs = book.countyBureau('水利局');
  const emergency = book.countyBureau('应急管理局');
  const enforcement = book.countyUnit('综合行政执法局', 'organ');
  const sanitation = book.countyUnit('园林环卫保障中心');
  const municipal = book.countyUnit('市政设施养护中心');
  const streetLights = book.countyUnit('城市照明管理所');
  const civilDefence = book.countyUnit('人民防空办公室', 'organ');
  const publicHousing = book.countyUnit('房产管理服务中心');
  const cityManagement = book.cityUnit('城市管理局', 'organ');
  const transport = book.cityUnit('交通运输局', 'organ');
  const trafficPolice = book.cityUnit('公安局交通警察支队', 'organ');
  const fireRescue = book.cityUnit('消防救援支队', 'organ');
  const meteorology = book.cityUnit('气象局', 'organ');
  const publicSecurity = book.get(`${book.city}公安局${book.countyShort}分局`, 'organ');
  const ecology = book.get(`${book.city}生态环境局${book.countyShort}分局`, 'organ');
  const publicity = book.get(`中共${book.city}${book.county}委宣传部`, 'organ');
  const waterSupply = book.cityUnit('自来水公司', 'enterprise');
  const gas = book.cityUnit('燃气有限公司', 'enterprise');
  const heating = book.cityUnit('热力有限公司', 'enterprise');
  const bus = book.cityUnit('公共交通集团有限公司', 'enterprise');
  const parking = book.cityCompany((city) => `${city}城投停车管理有限公司`);
  const power = book.cityCompany((city) => `国网山东省电力公司${city}供电公司`);
  const unicom = book.cityCompany((city) => `中国联合网络通信有限公司${city}市分公司`);
  const mobile = book.cityCompany((city) => `中国移动通信集团山东有限公司${city}分公司`);
  const telecom = book.cityCompany((city) => `中国电信股份有限公司${city}分公司`);
  const broadcast = book.cityCompany((city) => `${city}广电网络有限公司`);
  const post = book.cityCompany((city) => `中国邮政集团有限公司${city}市分公司`);
  const oil = book.cityCompany((city) => `中国石化销售股份有限公司山东${city}石油分公司`);

  const rules = new Map<string, ClassDepartments>();
  const set = (names: string[], competent: Department, owners: DepartmentChoice[], maintainer: DepartmentChoice | null = null): void => {
    for (const name of names) rules.set(name, { competent, owners, maintainer });
  };
  set(['上水井盖', '供水器'], housing, [waterSupply]);
  set(['污水井盖', '雨水井盖', '雨水箅子', '中水井盖', '特殊井盖'], housing, [municipal]);
  set(['电力井盖', '电力设施', '变压器(箱)', '高压线铁塔'], development, [power]);
  set(['路灯井盖', '路灯', '地灯', '景观灯'], housing, [housing], streetLights);
  set(['通讯井盖', '通讯交接箱'], industry, [unicom, mobile, telecom]);
  set(['电视井盖'], industry, [broadcast]);
  set(['网络井盖'], industry, [unicom, telecom, mobile, broadcast]);
  set(['热力井盖'], housing, [heating]);
  set(['燃气井盖', '燃气调压站(箱)'], housing, [gas]);
  set(['公安井盖', '监控电子眼', '治安岗亭'], publicSecurity, [publicSecurity]);
  set(['消防设施'], fireRescue, [waterSupply]);
  set(['无主井盖'], housing, [], municipal);
  set(['立杆'], housing, [power, unicom, telecom, housing]);
  set(['报刊亭', '邮筒'], enforcement, [post]);
  set(['电话亭'], enforcement, [telecom, unicom]);
  set(['信息亭'], enforcement, [unicom]);
  set(['售货亭', '自动售货机'], enforcement, [...merchants]);
  set(['公交井盖', '公交站亭'], transport, [bus]);
  set(['出租车站牌'], transport, [transport]);
  set(['输油(气)井盖'], emergency, [oil]);
  set(['民用水井'], waterAffairs, ['street-office']);
  set(['停车场', '停车咪表'], trafficPolice, [parking]);
  set(['过街天桥', '地下通道', '高架立交桥', '跨河桥', '道路隔音屏'], housing, [housing], municipal);
  set(['交通标志牌', '交通信号灯', '交通信号设施', '交通岗亭', '道路信息显示屏'], trafficPolice, [trafficPolice]);
  set(['路名牌'], civilAffairs, [civilAffairs]);
  set(['公共厕所', '公厕指示牌', '垃圾间(楼)', '垃圾箱', '化粪池'], enforcement, [sanitation]);
  set(['灯箱霓虹灯', '广告牌匾'], enforcement, [...merchants]);
  set(['环保监测站', '污水口监测站', '噪声显示屏'], ecology, [ecology]);
  set(['气象监测站'], meteorology, [meteorology]);
  set(['古树名木', '行道树', '护树设施', '花架花钵', '雕塑', '街头坐椅', '绿地维护设施', '喷泉'], cityManagement, [sanitation]);
  set(['宣传栏'], publicity, ['street-office']);
  set(['人防工事'], civilDefence, [civilDefence]);
  set(['公房地下室'], publicHousing, [publicHousing]);
  set(['重大危险源'], emergency, [...merchants]);
  set(['工地'], housing, [...builders]);
  set(['水域附属设施', '港监设施'], waterAffairs, [waterAffairs]);
  // Local classes of the sample city's taxonomy (schemas/taxonomies/city-lanshan.json).
  set(['共享单车停放点'], enforcement, ['street-office']);
  set(['电动汽车充电桩'], development, [power]);
  set(['垃圾分类投放点'], enforcement, ['street-office'], sanitation);
  set(['井盖位移传感器', '道路积水监测设备'], housing, [municipal]);
  return rules;
}
