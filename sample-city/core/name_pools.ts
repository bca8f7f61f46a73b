/**
 * Name material for a city in 鲁南 (southern Shandong): road stems a 临沂 officer
 * would recognise, other cities' names for 次干路 (as many Chinese cities do),
 * short local stems for 支路 series (临西一路, 兰田二街 …), communities, parks
 * and estates. Sample data only; no name claims to be a real place here.
 */

export interface RoadStem {
  stem: string;
  /** 路, 大道 or 街; parts of a 路 read 北京东路, parts of a 大道/街 read 蒙山大道北段. */
  kind: '路' | '大道' | '街';
}

const road = (stem: string, kind: RoadStem['kind'] = '路'): RoadStem => ({ stem, kind });

export const ARTERIAL_STEMS: readonly RoadStem[] = [
  road('通达'), road('沂蒙'), road('北京'), road('金雀山'), road('银雀山'), road('解放'), road('兰山'),
  road('蒙山', '大道'), road('孝河'), road('沂州'), road('启阳'), road('琅琊王'), road('聚才'), road('开元'),
  road('人民', '大道'), road('新华'), road('水田'), road('双岭'), road('书圣'), road('羲之'), road('文化'),
  road('智圣'), road('府右'), road('沂河'), road('临工'), road('工业', '大道'), road('西城'), road('北城'),
  road('南坊'), road('平安'), road('宏大'), road('兰田'), road('成都'), road('沂龙湾'), road('陶然'),
  road('奥体'), road('卧龙'), road('五洲'), road('九州'), road('洗砚池'), road('蒙河'), road('长安'),
  road('商城'), road('金源'), road('齐鲁'), road('泰山'), road('红旗'), road('光明'), road('和平'),
  road('友谊'), road('胜利'), road('建设'), road('长春'), road('温泉'), road('凤凰', '大道'), road('滨河', '大道'),
];

export const SECONDARY_STEMS: readonly RoadStem[] = [
  '上海', '天津', '重庆', '济南', '青岛', '南京', '杭州', '武汉', '广州', '西安', '郑州', '长沙', '合肥',
  '福州', '沈阳', '太原', '石家庄', '昆明', '贵阳', '南宁', '海口', '兰州', '银川', '西宁', '拉萨',
  '哈尔滨', '大连', '厦门', '宁波', '苏州', '无锡', '烟台', '潍坊', '淄博', '日照', '枣庄', '济宁',
  '泰安', '威海', '德州', '聊城', '滨州', '菏泽', '东营', '莱芜', '徐州', '连云港', '蚌埠', '开封',
  '洛阳', '商丘', '邯郸', '保定', '唐山', '秦皇岛', '包头', '温州', '绍兴', '嘉兴', '扬州', '镇江',
  '常州', '南通', '盐城', '淮安', '宿迁', '芜湖', '九江', '南昌', '赣州', '桂林', '柳州', '珠海',
  '汕头', '湛江', '宜昌', '襄阳', '岳阳', '株洲', '绵阳',
].map((stem) => road(stem));

/** Prefixes of numbered 支路 series (临西一路 … 临西十二路). */
export const BRANCH_SERIES_PREFIXES: readonly string[] = [
  '临西', '金坛', '银凤', '柳青', '书院', '砚台', '前园', '后园', '西关', '北关', '林庄', '华苑', '华城',
  '太子', '蓝湾', '汇通', '沟上', '前十', '后十', '兰新', '小岭', '大岭', '朱陈', '涑河', '南关', '东关',
  '三和', '四合', '五里', '六合', '七里', '八里', '九曲', '十里', '白沙', '枣园', '半程', '义堂', '李官',
  '方城', '汪沟', '相公', '马厂', '湖东', '湖西', '姚庄', '刘庄', '王庄', '张庄', '李庄', '孙岭', '韩庄',
  '高都', '盛庄', '兰陵', '费县', '郯城', '沂南', '沂水', '莒南', '蒙阴', '平邑', '临沭', '罗庄', '河东',
  '官庄', '南园', '北园', '东园', '西园', '红埠', '青龙', '陷泥', '茶山', '凤山', '尚岭', '花园', '桃园',
  '杏园', '梨园', '枣庄', '榆林', '柏林', '松林', '竹园', '荷塘', '芙蓉', '丁香', '玉兰', '海棠', '紫薇',
  '石榴', '银杏', '合欢', '金桂', '木兰', '牡丹', '芍药', '月季', '百合', '兰亭', '墨池', '羲和', '望海',
];

/** Stems for generated communities, estates and parks. */
export const PLACE_STEMS: readonly string[] = [
  '翰林', '沂州', '书香', '琅琊', '凤凰', '锦绣', '春晖', '和谐', '育才', '滨河', '东苑', '西苑', '南苑',
  '北苑', '怡景', '丽景', '福润', '兴华', '新华', '光明', '友谊', '幸福', '安居', '东盛', '金源', '银河',
  '荣华', '顺和', '泰和', '祥和', '鑫苑', '嘉园', '绿城', '万象', '润德', '明珠', '龙泉', '双岭', '清河',
  '金湖', '银湖', '文苑', '雅居', '宜居', '康乐', '长乐', '永安', '瑞祥', '吉祥', '如意', '丰泽', '盛世',
  '阳光', '春天', '秋月', '海棠', '桂园', '兰园', '梅园', '竹园', '菊园', '荷园', '桃源', '杏林', '柳岸',
  '御景', '观澜', '水岸', '江南', '南湖', '北湖', '东湖', '西湖', '碧水', '青山', '绿洲', '翠苑', '华府',
  '世纪', '新城', '中央', '未来', '启明', '晨光', '朝阳', '夕阳', '华庭', '锦园', '金城', '玉泉', '恒安',
];

export const PARK_NAMES: readonly string[] = [
  '人民公园', '滨河公园', '翰林公园', '书圣公园', '银雀山公园', '金雀山公园', '琅琊公园', '沂州公园',
  '兰山公园', '柳青公园', '砚池公园', '启阳公园', '文化广场', '人民广场',
];

export const POND_NAMES: readonly string[] = ['翠湖', '明湖', '镜湖', '月牙湖', '荷花湖', '碧波湖', '静心湖', '洗砚湖'];

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 12 → 十二, 20 → 二十, 105 → 一百零五 (good to 999). */
export function chineseNumeral(value: number): string {
  if (!Number.isInteger(value) || value < 1 || value > 999) throw new Error(`no Chinese numeral for ${value}`);
  const hundreds = Math.floor(value / 100);
  const tens = Math.floor((value % 100) / 10);
  const ones = value % 10;
  let text = '';
  if (hundreds > 0) text += `${DIGITS[hundreds]}百`;
  if (tens > 0) text += `${hundreds === 0 && tens === 1 ? '' : DIGITS[tens]}十`;
  else if (hundreds > 0 && ones > 0) text += '零';
  if (ones > 0) text += DIGITS[ones];
  return text;
}

/** Hands out names that have not been used, trying the candidates in order. */
export class UniqueNames {
  private readonly used = new Set<string>();

  constructor(taken: Iterable<string> = []) {
    for (const name of taken) this.used.add(name);
  }

  has(name: string): boolean {
    return this.used.has(name);
  }

  reserve(name: string): void {
    this.used.add(name);
  }

  /** The first unused candidate, reserved; throws when all are taken. */
  take(candidates: Iterable<string>): string {
    for (const candidate of candidates) {
      if (!this.used.has(candidate)) {
        this.used.add(candidate);
        return candidate;
      }
    }
    throw new Error('ran out of unique names');
  }
}

/** Draws unused names from one long candidate sequence, continuing where the last draw stopped. */
export class NameSequence {
  constructor(private readonly candidates: Iterator<string>, private readonly names: UniqueNames = new UniqueNames()) {}

  next(): string {
    for (;;) {
      const candidate = this.candidates.next();
      if (candidate.done) throw new Error('ran out of unique names');
      if (!this.names.has(candidate.value)) {
        this.names.reserve(candidate.value);
        return candidate.value;
      }
    }
  }
}

/** Trades of street-front shops (兴趣点 at their door plates): 翰林超市, 锦绣药店 … */
export const SHOP_TRADES: readonly string[] = [
  '超市', '便利店', '水果店', '餐馆', '面馆', '水饺馆', '煎饼铺', '烧烤店', '药店', '诊所', '理发店', '美容院',
  '五金店', '建材店', '服装店', '鞋店', '手机店', '眼镜店', '茶叶店', '烟酒店', '粮油店', '干洗店', '花店',
  '文具店', '母婴店', '宠物店', '汽修店', '电动车行', '快递驿站', '彩票店', '洗车行', '早餐店', '奶茶店', '蛋糕店',
];

/** Trades of firms in office towers (兴趣点): 临沂翰林商贸有限公司 style. */
export const FIRM_TRADES: readonly string[] = [
  '商贸', '物流', '科技', '信息技术', '文化传媒', '建筑工程', '装饰工程', '电子商务', '医药', '教育咨询',
  '房地产经纪', '财务咨询', '广告', '网络科技', '供应链管理', '劳务服务', '物业管理', '餐饮管理', '旅行社', '律师事务所',
];
