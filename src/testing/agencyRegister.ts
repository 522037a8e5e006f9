/** A small FICTIONAL register for tests (names start with "PT Contoh"; license numbers are test-only). */
export const TEST_REGISTER_CSV = `name,license number,status,valid until,address,city,province,phone
PT Contoh Sumber Rezeki Abadi,UJI/SIP3MI/0001/2024,active,2030-01-01,Jl. Uji 1,Banyuwangi,Jawa Timur,
PT Contoh Bina Karya Mandiri,UJI/SIP3MI/0002/2024,aktif,31/05/2029,Jl. Uji 2,Surabaya,Jawa Timur,
PT Contoh Cahaya Jaya Nusantara,UJI/SIP3MI/0003/2024,dicabut,2028-01-01,Jl. Uji 3,Malang,Jawa Timur,
PT Contoh Mitra Sejahtera,UJI/SIP3MI/0004/2024,aktif,2025-06-30,Jl. Uji 4,Jember,Jawa Timur,
PT Contoh Kancil Perkasa II,UJI/SIP3MI/0005/2024,skorsing,2029-01-01,Jl. Uji 5,Kediri,Jawa Timur,
PT Contoh Kancil Perkasa,UJI/SIP3MI/0006/2024,aktif,2030-01-01,Jl. Uji 6,Kediri,Jawa Timur,
PT Contoh Khairul Amanah,UJI/SIP3MI/0007/2024,aktif,2031-01-01,Jl. Uji 7,Blitar,Jawa Timur,
PT Contoh Merpati Karya Utama,UJI/SIP3MI/0008/2024,kedaluwarsa,2024-01-01,Jl. Uji 8,Blitar,Jawa Timur,
PT Contoh Kenari Karya Bersama,UJI/SIP3MI/0009/2024,aktif,2030-01-01,Jl. Uji 9,Ponorogo,Jawa Timur,
PT Contoh Melati Karya Sentosa,UJI/SIP3MI/0010/2024,aktif,2030-01-01,Jl. Uji 10,Ponorogo,Jawa Timur,
PT Contoh Anggrek Karya Jaya,UJI/SIP3MI/0011/2024,aktif,2030-01-01,Jl. Uji 11,Madiun,Jawa Timur,
PT Contoh Cempaka Karya Abadi,UJI/SIP3MI/0012/2024,aktif,2030-01-01,Jl. Uji 12,Madiun,Jawa Timur,
PT Contoh Teratai Karya Mulia,UJI/SIP3MI/0013/2024,aktif,2030-01-01,Jl. Uji 13,Madiun,Jawa Timur,
`;
