/** The peer's texts (Indonesian and English), kept apart from its logic as a grammY developer would. */
export type PeerLang = 'id' | 'en';

export interface PeerTexts {
  chooseLanguage: string;
  languageSet: string;
  announcements: string;
  yesNoThanks: string[];
  subscribed: string;
  notSubscribed: string;
  menu: string;
  menuOptions: string[];
  pickNumber: string;
  textPlease: string;
  skip: string;
  consent: string;
  consentOptions: string[];
  noConsent: string;
  who: string;
  whoOptions: string[];
  category: string;
  categories: string[];
  country: string;
  countries: string[];
  countryOther: string;
  city: string;
  ownName: string;
  workerName: string;
  agency: string;
  home: string;
  description: string;
  evidence: string;
  evidenceReceived: (count: number) => string;
  contactBy: string;
  contactOptions: string[];
  summary: (v: Record<string, string>) => string;
  confirm: string;
  confirmOptions: string[];
  saved: (ref: string, pin: string) => string;
  next: string;
  emergency: string;
  cancelled: string;
}

const en: PeerTexts = {
  chooseLanguage: 'Welcome to the Indonesian migrant workers\' helpline.\n\nPilih bahasa / Choose a language',
  languageSet: 'Fine, we will continue in English. Type language at any time to change it.',
  announcements: 'Would you like to receive announcements from this service (online gathering dates, warnings about job scams, assistance programs)? Type stop at any time to end them.',
  yesNoThanks: ['Yes, please', 'No, thank you'],
  subscribed: 'You will receive announcements. Type stop to end them.',
  notSubscribed: 'All right, you will not receive announcements. Type subscribe if you change your mind.',
  menu: "Banyuwangi Migrant Workers' Helpline. How can we help? Reply with a number:",
  menuOptions: ['Report a problem', 'Check my report', 'Check a recruitment agency (P3MI)', 'Family gatherings online', 'Assistance for families', 'Safe migration info and emergency contacts', 'Announcements and my data', 'Bahasa / Language / Basa'],
  pickNumber: 'Please answer with one of the numbers.',
  textPlease: 'Please answer in text.',
  skip: '-. Skip',
  consent: 'Before you report: we will store what you tell us and the chat to reply to. Only helpline officers see it, to help you. You can also report anonymously. Type batal at any time to stop.',
  consentOptions: ['I agree, continue', 'Report anonymously', 'Stop, do not report'],
  noConsent: 'Nothing was stored. You can come back at any time.',
  who: 'Who is this report for?',
  whoOptions: ['For myself (I am working abroad)', 'For a family member abroad'],
  category: 'What is the problem?',
  categories: ['Wages not paid', 'Wants to go home', 'Passport or documents held', 'Violence or abuse', 'Sick or injured', 'Work not as in the contract', 'Contract ended one-sidedly', 'Failed to depart / job fraud by a recruiter', 'Lost contact', 'Overstay or deportation', 'Trafficking (sold, forced to work)', 'Other problem'],
  country: 'In which country is the worker?',
  countries: ['Hong Kong', 'Taiwan', 'Malaysia', 'Japan', 'Singapore', 'South Korea', 'Saudi Arabia', 'Another country (type it)'],
  countryOther: 'Please type the name of the country.',
  city: 'In which city or area? (type - if you do not know)',
  ownName: 'What is your name? (optional: type - to skip)',
  workerName: "What is the worker's full name?",
  agency: 'The name of the employer or the recruitment agency (P3MI), if you know it. (type - to skip)',
  home: 'Which district (kecamatan) of Banyuwangi is the worker from? Type the district, with the village if you like. (type - to skip)',
  description: 'Please tell us what happened, in your own words: what, since when, and what help you need.',
  evidence: 'Do you have photos, voice notes or documents? Send them now, one by one. When you are finished, or if you have none, type done.',
  evidenceReceived: (n) => `Received (${n}). Send more, or type done.`,
  contactBy: 'How should we contact you? Choose what is safe for you.',
  contactOptions: ['In this chat, at any time', 'In this chat, only at a safer time', 'Do not message me; I will check myself'],
  summary: (v) => `Please check your report:\n• For: ${v.who}\n• Problem: ${v.category}\n• Country: ${v.country}, city: ${v.city}\n• Name: ${v.name}\n• Employer/agency: ${v.agency}\n• Home: ${v.home}\n• Files: ${v.files}\n• Contact: ${v.contact}\n• What happened:\n${v.description}`,
  confirm: 'Is this correct?',
  confirmOptions: ['Yes, send the report', 'Cancel'],
  saved: (ref, pin) => `Your report has been received.\nReference: ${ref}\nPIN: ${pin}\nWrite them down and keep them safe: the PIN is shown only this once.`,
  next: 'What happens next: an officer will read your report and answer in this chat.',
  emergency: 'Emergency contacts:\n• Crisis Center BP2MI / KP2MI\n   Toll-free from Indonesia: 0800-1000\n   From abroad: +62-21-2924-4800\nIf your life is in danger, call the local police emergency number.',
  cancelled: 'Cancelled.',
};

const id: PeerTexts = {
  ...en,
  languageSet: 'Baik, kita lanjutkan dalam Bahasa Indonesia.',
  notSubscribed: 'Baik, Anda tidak akan menerima pengumuman.',
  menu: 'Layanan Bantuan Pekerja Migran Banyuwangi. Apa yang bisa kami bantu? Balas dengan nomor:',
  menuOptions: ['Laporkan masalah', 'Cek laporan saya', 'Cek agen penyalur (P3MI)', 'Silaturahmi online', 'Bantuan untuk keluarga', 'Info migrasi aman', 'Pengumuman dan data saya', 'Bahasa / Language / Basa'],
  pickNumber: 'Mohon jawab dengan salah satu nomor.',
  textPlease: 'Mohon jawab dengan teks.',
  who: 'Laporan ini untuk siapa?',
  summary: (v) => `Mohon periksa laporan Anda:\n• Untuk: ${v.who}\n• Masalah: ${v.category}\n• Negara: ${v.country}, kota: ${v.city}\n• Nama: ${v.name}\n• Majikan/agen: ${v.agency}\n• Asal: ${v.home}\n• Berkas: ${v.files}\n• Kontak: ${v.contact}\n• Kejadian:\n${v.description}`,
  saved: (ref, pin) => `Laporan Anda sudah kami terima.\nNomor: ${ref}\nPIN: ${pin}\nCatat dan simpan baik-baik: PIN hanya ditampilkan kali ini.`,
  cancelled: 'Dibatalkan.',
};

export const TEXTS: Record<PeerLang, PeerTexts> = { id, en };

/** A prompt followed by its numbered options, as both bots show menus. */
export function numbered(prompt: string, options: string[]): string {
  return [prompt, '', ...options.map((o, i) => `${i + 1}. ${o}`)].join('\n');
}
