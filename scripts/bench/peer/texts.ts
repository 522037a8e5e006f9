/** The peer's texts (Indonesian and English), kept apart from its logic as a grammY developer would. */
export type PeerLang = 'id' | 'en';

export interface PeerTexts {
  chooseLanguage: string;
  languageSet: string;
  menu: string;
  menuOptions: string[];
  pickNumber: string;
  textPlease: string;
  consent: string;
  yesNo: string[];
  noConsent: string;
  who: string;
  whoOptions: string[];
  category: string;
  categories: string[];
  country: string;
  countries: string[];
  city: string;
  workerName: string;
  agency: string;
  description: string;
  contactBy: string;
  contactOptions: string[];
  summary: (v: Record<string, string>) => string;
  confirmOptions: string[];
  saved: (ref: string) => string;
  cancelled: string;
}

const en: PeerTexts = {
  chooseLanguage: 'Pilih bahasa / Choose a language',
  languageSet: 'OK, we will continue in English.',
  menu: 'Banyuwangi Migrant Workers Helpline. How can we help?',
  menuOptions: ['Report a problem', 'Check my report', 'Check a recruitment agency', 'Family gatherings', 'Assistance for families', 'Safe migration info', 'Announcements and my data', 'Language'],
  pickNumber: 'Please answer with one of the numbers.',
  textPlease: 'Please answer in text.',
  consent: 'We will store your report so that officers can help. Do you agree?',
  yesNo: ['Yes, I agree', 'No'],
  noConsent: 'Nothing was stored. You can come back at any time.',
  who: 'Who is reporting?',
  whoOptions: ['I am the worker', 'I am family of the worker', 'Someone else'],
  category: 'What is the problem?',
  categories: ['Unpaid wages', 'Passport held', 'Abuse or violence', 'Wants to go home', 'Illegal recruitment', 'Trafficking', 'Other'],
  country: 'In which country is the worker?',
  countries: ['Hong Kong', 'Malaysia', 'Taiwan', 'Singapore', 'Saudi Arabia', 'Korea', 'Japan'],
  city: 'In which city?',
  workerName: "What is the worker's name?",
  agency: 'Name of the employer or agency?',
  description: 'Please describe what happened.',
  contactBy: 'How may an officer contact you?',
  contactOptions: ['Through this chat', 'Phone call', 'Do not contact me'],
  summary: (v) => `Please check your report:\nWho: ${v.who}\nProblem: ${v.category}\nCountry: ${v.country}, ${v.city}\nWorker: ${v.worker}\nEmployer/agency: ${v.agency}\nWhat happened: ${v.description}\nContact: ${v.contact}\nSend it?`,
  confirmOptions: ['Send the report', 'Cancel'],
  saved: (ref) => `Your report was received. Reference: ${ref}. Keep it to check the status.`,
  cancelled: 'Cancelled.',
};

const id: PeerTexts = {
  ...en,
  languageSet: 'Baik, kita lanjutkan dalam Bahasa Indonesia.',
  menu: 'Layanan Pengaduan PMI Banyuwangi. Apa yang bisa kami bantu?',
  menuOptions: ['Laporkan masalah', 'Cek laporan saya', 'Cek agen penyalur', 'Silaturahmi online', 'Bantuan untuk keluarga', 'Info migrasi aman', 'Pengumuman dan data saya', 'Bahasa'],
  pickNumber: 'Mohon jawab dengan salah satu nomor.',
  textPlease: 'Mohon jawab dengan teks.',
  consent: 'Laporan Anda akan kami simpan agar petugas dapat membantu. Setuju?',
  yesNo: ['Ya, setuju', 'Tidak'],
  noConsent: 'Tidak ada yang disimpan. Anda bisa kembali kapan saja.',
  who: 'Siapa yang melapor?',
  summary: (v) => `Mohon periksa laporan Anda:\nPelapor: ${v.who}\nMasalah: ${v.category}\nNegara: ${v.country}, ${v.city}\nPekerja: ${v.worker}\nMajikan/agen: ${v.agency}\nKejadian: ${v.description}\nKontak: ${v.contact}\nKirim?`,
  saved: (ref) => `Laporan Anda sudah kami terima. Nomor: ${ref}. Simpan nomor ini untuk cek status.`,
  cancelled: 'Dibatalkan.',
};

export const TEXTS: Record<PeerLang, PeerTexts> = { id, en };

/** A prompt followed by its numbered options, as both bots show menus. */
export function numbered(prompt: string, options: string[]): string {
  return [prompt, ...options.map((o, i) => `${i + 1}. ${o}`)].join('\n');
}
