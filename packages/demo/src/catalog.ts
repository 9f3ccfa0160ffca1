import type { SellerGroup } from '@brandi/db';

export interface DemoSeller {
  loginId: string;
  nameKo: string;
  nameEn: string;
  attributeId: number;
  status: 'active' | 'pending' | 'paused';
  managerName: string;
}

// Fictional shops, every attribute covered; one pending and one paused seller show the status rules.
export const DEMO_SELLERS: DemoSeller[] = [
  { loginId: 'lovelyday', nameKo: '러블리데이', nameEn: 'lovelyday', attributeId: 1, status: 'active', managerName: '김하늘' },
  { loginId: 'dailycodi', nameKo: '데일리코디', nameEn: 'dailycodi', attributeId: 1, status: 'active', managerName: '이서연' },
  { loginId: 'todaymarket', nameKo: '오늘의마켓', nameEn: 'todaymarket', attributeId: 2, status: 'active', managerName: '박지훈' },
  { loginId: 'ddmstyle', nameKo: '동대문스타일', nameEn: 'ddmstyle', attributeId: 3, status: 'active', managerName: '최민준' },
  { loginId: 'ateliernoa', nameKo: '아뜰리에 노아', nameEn: 'atelier-noa', attributeId: 4, status: 'active', managerName: '정유나' },
  { loginId: 'basicfield', nameKo: '베이직필드', nameEn: 'basicfield', attributeId: 5, status: 'active', managerName: '강도윤' },
  { loginId: 'hangyeol', nameKo: '한결어패럴', nameEn: 'hangyeol-apparel', attributeId: 6, status: 'active', managerName: '윤서준' },
  { loginId: 'glowlab', nameKo: '글로우랩', nameEn: 'glowlab', attributeId: 7, status: 'active', managerName: '한지우' },
  { loginId: 'sumulgongbang', nameKo: '수분공방', nameEn: 'sumul-gongbang', attributeId: 7, status: 'active', managerName: '오예린' },
  { loginId: 'saessak', nameKo: '새싹샵', nameEn: 'saessak', attributeId: 2, status: 'pending', managerName: '임채원' },
  { loginId: 'swimpyo', nameKo: '쉼표스토어', nameEn: 'swimpyo-store', attributeId: 4, status: 'paused', managerName: '서지호' },
];

export const ADJECTIVES = [
  '루즈핏',
  '오버핏',
  '슬림',
  '데일리',
  '베이직',
  '빈티지',
  '크롭',
  '와이드',
  '하이웨스트',
  '스트라이프',
  '체크',
  '미니멀',
  '투웨이',
  '썸머',
  '포근한',
];
export const MATERIALS = ['린넨', '코튼', '울', '캐시미어 블렌드', '데님', '니트', '쉬폰', '레더', '스웨이드', '골지'];
export const BEAUTY_WORDS = ['수분', '진정', '비타민', '시카', '히알루론', '녹차', '세라마이드', '콜라겐'];
export const COLORS = ['블랙', '화이트', '아이보리', '베이지', '네이비', '차콜', '핑크', '스카이블루'];
export const SIZES = ['S', 'M', 'L', 'XL', 'FREE'];
export const BEAUTY_SIZES = ['30ml', '50ml', '100ml'];

export const QUESTION_TEXTS = [
  '배송은 보통 며칠 걸리나요?',
  '키 165cm에 55 사이즈인데 M 사이즈 맞을까요?',
  '세탁기 사용해도 되나요?',
  '재입고 예정이 있나요?',
  '실제 색상이 사진과 비슷한가요?',
  '교환하려면 어떻게 해야 하나요?',
  '주문 취소 부탁드립니다.',
  '안감이 있나요? 비치는지 궁금합니다.',
];

export const ANSWER_TEXTS = [
  '안녕하세요 고객님, 평균 2~3일 소요됩니다. 감사합니다.',
  '문의 감사합니다. 정사이즈로 주문하시면 됩니다.',
  '단독 손세탁을 권장드립니다.',
  '다음 주 재입고 예정입니다.',
];

export function groupOfAttribute(attributeId: number): SellerGroup {
  return attributeId <= 3 ? 'shop' : attributeId <= 6 ? 'brand' : 'beauty';
}
