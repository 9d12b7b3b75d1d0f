import { defineKind, options, type AttributeField, type FieldOption, type Label } from '../kind.js';

/**
 * Infrastruktur SPBE (RAI). One kind per metadata table of the seed, Tabel
 * 5.6–5.15. Rows "ID", "Nama …" and "Deskripsi …" are the element's core
 * fields (code, name, description); every other row is an attribute, in table
 * order, labelled with the table's "Nama Atribut" and explained (help) with its
 * "Keterangan". Exceptions, all deliberate:
 *  - Tabel 5.15 row 3 "Kode Model Referensi SPBE" is the element's reference
 *    node (core field), as for the other kinds, not an attribute.
 *  - Tabel 5.12 row 6 reads "Unit Pengelola etwork/ Communication Device"
 *    (a copy-paste slip; its Keterangan is "Unit pengelola periferal"), so
 *    the label is "Unit Pengelola Periferal".
 *  - Labels are otherwise verbatim, including the server table's "Lokasi Data
 *    Storage" and "Kapasitas Penyimpanan" (which its Keterangan says is RAM).
 */

export const INFRASTRUCTURE_KIND_IDS = [
  'cloud',
  'platform-software',
  'server',
  'storage',
  'network-device',
  'security-device',
  'peripheral',
  'service-bus',
  'intranet',
  'facility',
] as const;

/** What infrastructure serves. */
const SERVED = ['application', 'data', 'service'] as const;
/** What a platform (server, cloud, facility, software, storage) may host. */
const HOSTED = ['application', 'data', 'platform-software', 'server', 'storage'] as const;
/** What a network (device, intranet, service bus) may connect. */
const CONNECTED = [...INFRASTRUCTURE_KIND_IDS, 'security-hardware', 'application'] as const;
/** What a security device protects. */
export const PROTECTABLE = ['application', 'application-interface', 'data', ...INFRASTRUCTURE_KIND_IDS, 'security-hardware'] as const;

function help(id: string, en: string): Label {
  return { id, en };
}

/** "Status Kepemilikan" (Tabel 4.7, 5.6, 5.8–5.11, 5.13): shared option list. */
export const OWNERSHIP_OPTIONS: FieldOption[] = [
  { value: 'milik sendiri', label: { id: 'Milik sendiri', en: 'Own' } },
  { value: 'milik instansi pemerintah lain', label: { id: 'Milik instansi pemerintah lain', en: 'Another government agency' } },
  { value: 'milik BUMN', label: { id: 'Milik BUMN', en: 'State-owned enterprise' } },
  { value: 'milik pihak ketiga', label: { id: 'Milik pihak ketiga', en: 'Third party' } },
];

export function ownershipStatus(label = 'Status Kepemilikan', what = 'perangkat'): AttributeField {
  return {
    key: 'ownershipStatus',
    label: { id: label, en: 'Ownership status' },
    type: 'enum',
    options: OWNERSHIP_OPTIONS,
    help: help(
      `Status kepemilikan dari ${what} yang digunakan (milik sendiri, milik instansi pemerintah lain, milik BUMN, atau milik pihak ketiga).`,
      'Who owns it: the city itself, another government agency, a state-owned enterprise or a third party.',
    ),
  };
}

export function ownerName(what = 'perangkat'): AttributeField {
  return {
    key: 'ownerName',
    label: { id: 'Nama Pemilik', en: 'Owner name' },
    type: 'string',
    help: help(
      `Nama pemilik ${what} yang digunakan, diisi jika pilihan pada status kepemilikan selain milik sendiri.`,
      'Name of the owner; filled in when the ownership status is not "milik sendiri".',
    ),
  };
}

export function relatedMetadataId(): AttributeField {
  return {
    key: 'relatedMetadataId',
    label: { id: 'ID Metadata Terkait', en: 'Related metadata IDs' },
    type: 'string[]',
    help: help('Mengacu kepada Metadata Arsitektur SPBE terkait.', 'Refers to the related SPBE architecture metadata.'),
  };
}

/** Tipe Security Device (Tabel 4.7 and 5.11). */
export const SECURITY_DEVICE_TYPES: FieldOption[] = options(
  'Firewall',
  'Intrusion Detection System',
  'Intrusion Prevention System',
  'Proxy',
  'Load Balancer',
  'Wireless Intrusion Prevention and Detection System',
  'Unified Threat Management',
  'Network Access Control',
);

export const SECURITY_DEVICE_TYPE_HELP = help(
  'Jenis dari security device yang digunakan (Firewall, Intrusion Detection System, Intrusion Prevention System, Proxy, Load Balancer, Wireless Intrusion Prevention and Detection System, Unified Threat Management, atau Network Access Control).',
  'Type of security device in use.',
);

const OS_TYPES = options('Dos', 'Unix', 'MacOS', 'Windows', 'Networking OS', 'Lainnya');
const BANDWIDTH_UNIT = 'Mbps';

const common = {
  domain: 'infrastructure',
  referenceModel: 'RAI',
  defaultClassification: 'terbatas',
} as const;

export const infrastructureKinds = [
  defineKind({
    ...common,
    id: 'cloud',
    label: { id: 'Komputasi Awan', en: 'Cloud computing' },
    description: {
      id: 'Government cloud: lingkungan dengan virtualisasi sebagai layanan platform berbasis teknologi cloud (RAI 03.02).',
      en: 'Government cloud: a virtualised platform-as-a-service environment (RAI 03.02).',
    },
    source: 'Tabel 5.6',
    attributes: [
      {
        key: 'cloudType',
        label: { id: 'Tipe Government Cloud', en: 'Government cloud type' },
        type: 'enum',
        options: options('PaaS', 'IaaS', 'SaaS', 'BDaaS', 'SecaaS'),
        help: help('Jenis dari government cloud yang digunakan (PaaS, IaaS, SaaS, BDaaS, dan SecaaS).', 'Type of government cloud in use.'),
      },
      ownershipStatus('Status Kepemilikan', 'government cloud'),
      ownerName('government cloud'),
      {
        key: 'serviceCost',
        label: { id: 'Biaya Layanan', en: 'Service cost' },
        type: 'number',
        unit: 'Rp',
        min: 0,
        help: help('Biaya yang dikeluarkan pemilik untuk layanan government cloud.', 'What the owner pays for the government cloud service.'),
      },
      {
        key: 'developerUnit',
        label: { id: 'Unit Pengembang Government Cloud', en: 'Government cloud developer unit' },
        type: 'string',
        help: help('Unit yang melakukan pembangunan dan pengembangan government cloud.', 'Unit that builds and develops the government cloud.'),
      },
      {
        key: 'operatorUnit',
        label: { id: 'Unit Operasional Government Cloud', en: 'Government cloud operating unit' },
        type: 'string',
        help: help('Unit operasional government cloud yang digunakan.', 'Unit operating the government cloud.'),
      },
      {
        key: 'servicePeriod',
        label: { id: 'Jangka Waktu Pelayanan', en: 'Service period' },
        type: 'string',
        help: help('Periode penggunaan layanan government cloud.', 'Period the government cloud service is used.'),
      },
      relatedMetadataId(),
    ],
    relations: [
      { type: 'serves', targets: SERVED },
      { type: 'hosts', targets: HOSTED },
    ],
  }),
  defineKind({
    ...common,
    id: 'platform-software',
    label: { id: 'Perangkat Lunak Platform', en: 'Platform software' },
    description: {
      id: 'Sistem operasi, sistem utilitas atau sistem database yang mendukung aplikasi.',
      en: 'Operating system, utility system or database system supporting applications.',
    },
    source: 'Tabel 5.7',
    attributes: [
      {
        key: 'softwareType',
        label: { id: 'Tipe Perangkat Lunak', en: 'Software type' },
        type: 'enum',
        options: [
          { value: 'sistem operasi', label: { id: 'Sistem operasi', en: 'Operating system' } },
          { value: 'sistem utilitas', label: { id: 'Sistem utilitas', en: 'Utility system' } },
          { value: 'sistem database', label: { id: 'Sistem database', en: 'Database system' } },
        ],
        help: help(
          'Jenis dari perangkat lunak yang digunakan (sistem operasi, sistem utilitas atau sistem database).',
          'Kind of software in use (operating system, utility system or database system).',
        ),
      },
      {
        key: 'operatingSystemType',
        label: { id: 'Jenis Sistem Operasi', en: 'Operating system family' },
        type: 'enum',
        options: OS_TYPES,
        help: help('(Dos, Unix, MacOS, Windows, Networking OS atau Lainnya)', 'Dos, Unix, MacOS, Windows, Networking OS or other.'),
      },
      {
        key: 'utilitySystemType',
        label: { id: 'Jenis Sistem Utilitas', en: 'Utility system type' },
        type: 'string',
        help: help(
          'Dokumen mencantumkan pilihan yang sama dengan sistem operasi (Dos, Unix, MacOS, Windows, Networking OS, atau Lainnya); diisi bebas.',
          'The document repeats the operating-system list here (Dos, Unix, MacOS, Windows, Networking OS, other); free text.',
        ),
      },
      {
        key: 'databaseSystemType',
        label: { id: 'Jenis Sistem Database', en: 'Database system type' },
        type: 'string',
        help: help(
          'Dokumen mencantumkan pilihan yang sama dengan sistem operasi (Dos, Unix, MacOS, Windows, Networking OS, atau Lainnya); diisi bebas, mis. PostgreSQL, MySQL.',
          'The document repeats the operating-system list here; free text, e.g. PostgreSQL, MySQL.',
        ),
      },
      {
        key: 'licenseType',
        label: { id: 'Jenis Lisensi', en: 'License type' },
        type: 'enum',
        options: [
          { value: 'lisensi seumur hidup', label: { id: 'Lisensi seumur hidup', en: 'Perpetual license' } },
          { value: 'lisensi periodik', label: { id: 'Lisensi periodik', en: 'Subscription (periodic) license' } },
          { value: 'kode sumber terbuka', label: { id: 'Kode sumber terbuka', en: 'Open source' } },
        ],
        help: help(
          'Jenis lisensi perangkat lunak yang digunakan (lisensi seumur hidup, lisensi periodik, atau kode sumber terbuka).',
          'License of the software (perpetual, periodic, or open source).',
        ),
      },
      {
        key: 'licenseOwner',
        label: { id: 'Nama Pemilik Lisensi', en: 'License holder' },
        type: 'string',
        help: help('Nama pemilik dari lisensi perangkat lunak.', 'Name of the license holder.'),
      },
      {
        key: 'licenseValidity',
        label: { id: 'Validitas Lisensi Perangkat Lunak', en: 'Software license validity' },
        type: 'text',
        help: help('Penjelasan validitas dari lisensi perangkat lunak yang digunakan.', 'Explanation of how long / under which terms the license is valid.'),
      },
      relatedMetadataId(),
    ],
    relations: [
      { type: 'serves', targets: SERVED },
      { type: 'hosts', targets: HOSTED },
    ],
  }),
  defineKind({
    ...common,
    id: 'server',
    label: { id: 'Perangkat Keras Server', en: 'Server hardware' },
    source: 'Tabel 5.8',
    attributes: [
      {
        key: 'serverUsage',
        label: { id: 'Jenis Penggunaan Server', en: 'Server usage' },
        type: 'enum[]',
        options: [
          { value: 'web server', label: { id: 'Web server', en: 'Web server' } },
          { value: 'mail server', label: { id: 'Mail server', en: 'Mail server' } },
          { value: 'aplikasi', label: { id: 'Aplikasi', en: 'Application' } },
          { value: 'database', label: { id: 'Database', en: 'Database' } },
          { value: 'file server', label: { id: 'File server', en: 'File server' } },
          { value: 'active directory', label: { id: 'Active directory', en: 'Active directory' } },
          { value: 'keamanan informasi', label: { id: 'Keamanan informasi', en: 'Information security' } },
          { value: 'lainnya', label: { id: 'Lainnya', en: 'Other' } },
        ],
        help: help(
          'Jenis penggunaan dari server yang digunakan, jenis penggunaan tersebut antara lain web server, mail server, aplikasi, database, file server, active directory, dan keamanan informasi.',
          'What the server is used for: web, mail, application, database, file server, active directory, information security, …',
        ),
      },
      ownershipStatus('Status Kepemilikan', 'server'),
      ownerName('server'),
      {
        key: 'managingUnit',
        label: { id: 'Unit Pengelola Server', en: 'Server managing unit' },
        type: 'string',
        help: help('Unit pengelola server yang digunakan.', 'Unit managing the server.'),
      },
      {
        key: 'location',
        label: { id: 'Lokasi Data Storage', en: 'Location (facility)' },
        type: 'string',
        help: help(
          'Lokasi dari data storage yang digunakan, pilihan lokasi didapat dari metadata fasilitas. (Tabel 5.8 memakai label ini untuk lokasi server.)',
          'Where the server is placed; taken from the facility metadata. (Tabel 5.8 uses the storage label for the server’s location.)',
        ),
      },
      {
        key: 'software',
        label: { id: 'Perangkat Lunak yang Digunakan', en: 'Software used' },
        type: 'string[]',
        help: help(
          'Perangkat lunak yang digunakan oleh server, pilihan perangkat lunak didapat dari metadata perangkat lunak.',
          'Software the server runs, taken from the platform software metadata.',
        ),
      },
      {
        key: 'memoryCapacity',
        label: { id: 'Kapasitas Penyimpanan', en: 'Memory (RAM) capacity' },
        type: 'number',
        unit: 'GB',
        min: 0,
        help: help(
          'Kapasitas memori atau Random Access Memory (RAM) yang digunakan oleh server, satuan kapasitas memori dalam GigaByte (GB).',
          'Memory (RAM) of the server, in gigabytes.',
        ),
      },
      {
        key: 'processorTechnology',
        label: { id: 'Jenis Teknologi Prosesor', en: 'Processor technology' },
        type: 'enum',
        options: options('High End', 'Mid End', 'Low End'),
        help: help('Jenis teknologi prosesor yang digunakan oleh server: High End, Mid End, Low End.', 'Processor class: high, mid or low end.'),
      },
      {
        key: 'storageCapacity',
        label: { id: 'Jumlah Kapasitas Penyimpanan', en: 'Total storage capacity' },
        type: 'number',
        unit: 'GB',
        min: 0,
        help: help('Jumlah kapasitas penyimpanan pada server, satuan kapasitas penyimpanan dalam Gigabyte (GB).', 'Storage capacity of the server, in gigabytes.'),
      },
      {
        key: 'storageTechnique',
        label: { id: 'Teknik Penyimpanan', en: 'Storage technique' },
        type: 'enum',
        options: options('RAID 1', 'RAID 3', 'RAID 5', 'non-RAID'),
        help: help('Teknik penyimpanan yang digunakan pada server RAID 1, RAID 3, RAID 5, atau non-RAID.', 'RAID 1, RAID 3, RAID 5 or non-RAID.'),
      },
      relatedMetadataId(),
    ],
    relations: [
      { type: 'serves', targets: SERVED },
      { type: 'hosts', targets: HOSTED },
    ],
  }),
  defineKind({
    ...common,
    id: 'storage',
    label: { id: 'Perangkat Keras Media Penyimpanan', en: 'Storage hardware' },
    source: 'Tabel 5.9',
    attributes: [
      {
        key: 'dataStored',
        label: { id: 'Data yang Digunakan', en: 'Data stored' },
        type: 'string[]',
        help: help(
          'Data yang disimpan pada media penyimpanan data, pilihan data yang digunakan didapat dari metadata data dan informasi.',
          'Data kept on the storage, taken from the data and information metadata.',
        ),
      },
      ownershipStatus('Status Kepemilikan', 'data storage'),
      ownerName('data storage'),
      {
        key: 'managingUnit',
        label: { id: 'Unit Pengelola Data Storage', en: 'Data storage managing unit' },
        type: 'string',
        help: help('Unit pengelola data storage yang digunakan.', 'Unit managing the data storage.'),
      },
      {
        key: 'location',
        label: { id: 'Lokasi Data Storage', en: 'Data storage location' },
        type: 'string',
        help: help('Lokasi dari data storage yang digunakan, pilihan lokasi didapat dari metadata fasilitas.', 'Where the storage is placed; taken from the facility metadata.'),
      },
      {
        key: 'software',
        label: { id: 'Perangkat Lunak yang Digunakan', en: 'Software used' },
        type: 'string[]',
        help: help(
          'Perangkat lunak yang digunakan oleh data storage, pilihan perangkat lunak didapat dari metadata perangkat lunak.',
          'Software used by the storage, taken from the platform software metadata.',
        ),
      },
      {
        key: 'storageCapacity',
        label: { id: 'Kapasitas Penyimpanan', en: 'Storage capacity' },
        type: 'number',
        unit: 'GB',
        min: 0,
        help: help('Jumlah kapasitas penyimpanan pada data storage, satuan kapasitas penyimpanan dalam Gigabyte (GB).', 'Capacity of the storage, in gigabytes.'),
      },
      {
        key: 'sharingAccessMethod',
        label: { id: 'Metode Akses Data Sharing', en: 'Data sharing access method' },
        type: 'enum',
        options: [
          { value: 'DAS', label: { id: 'Direct Attached Storage (DAS)', en: 'Direct Attached Storage (DAS)' } },
          { value: 'NAS', label: { id: 'Network Attached Storage (NAS)', en: 'Network Attached Storage (NAS)' } },
        ],
        help: help(
          'Metode akses data sharing yang digunakan pada data storage (Direct Attached Storage/DAS atau Network Attached Storage/NAS).',
          'How the storage is shared: directly attached (DAS) or over the network (NAS).',
        ),
      },
      relatedMetadataId(),
    ],
    relations: [
      { type: 'serves', targets: SERVED },
      { type: 'hosts', targets: HOSTED },
    ],
  }),
  defineKind({
    ...common,
    id: 'network-device',
    label: { id: 'Perangkat Jaringan', en: 'Network device' },
    source: 'Tabel 5.10',
    attributes: [
      {
        key: 'deviceType',
        label: { id: 'Tipe Network/Communication Device', en: 'Network/communication device type' },
        type: 'enum',
        options: options(
          'Switch L2',
          'Switch L3',
          'Switch L4',
          'Switch L7',
          'Multilayer Switch',
          'Router',
          'Wireless equipment',
          'Transmission equipment',
        ),
        help: help(
          'Jenis dari Network/Communication Device yang digunakan (Switch L2, Switch L3, Switch L4, Switch L7, Multilayer Switch, Router, Wireless equipment, atau Transmission equipment).',
          'Type of network/communication device.',
        ),
      },
      ownershipStatus('Status Kepemilikan', 'Network/Communication Device'),
      ownerName('Network/Communication Device'),
      {
        key: 'managingUnit',
        label: { id: 'Unit Pengelola Network/Communication Device', en: 'Network device managing unit' },
        type: 'string',
        help: help('Unit pengelola Network/Communication Device yang digunakan.', 'Unit managing the device.'),
      },
      relatedMetadataId(),
    ],
    relations: [
      { type: 'serves', targets: SERVED },
      { type: 'connects', targets: CONNECTED },
    ],
  }),
  defineKind({
    ...common,
    id: 'security-device',
    label: { id: 'Perangkat Keamanan', en: 'Security device' },
    source: 'Tabel 5.11',
    attributes: [
      {
        key: 'deviceType',
        label: { id: 'Tipe Security Device', en: 'Security device type' },
        type: 'enum',
        options: SECURITY_DEVICE_TYPES,
        help: SECURITY_DEVICE_TYPE_HELP,
      },
      ownershipStatus('Status Kepemilikan', 'Security Device'),
      ownerName('Security Device'),
      {
        key: 'managingUnit',
        label: { id: 'Unit Pengelola Security Device', en: 'Security device managing unit' },
        type: 'string',
        help: help('Unit pengelola Security Device yang digunakan.', 'Unit managing the security device.'),
      },
      relatedMetadataId(),
    ],
    relations: [
      { type: 'serves', targets: SERVED },
      { type: 'protects', targets: PROTECTABLE },
    ],
  }),
  defineKind({
    ...common,
    id: 'peripheral',
    label: { id: 'Perangkat Keras Periferal', en: 'Peripheral hardware' },
    source: 'Tabel 5.12',
    attributes: [
      {
        key: 'peripheralType',
        label: { id: 'Tipe Periferal', en: 'Peripheral type' },
        type: 'enum',
        options: [
          { value: 'input', label: { id: 'Input', en: 'Input' } },
          { value: 'output', label: { id: 'Output', en: 'Output' } },
          { value: 'input/output', label: { id: 'Input/output', en: 'Input/output' } },
        ],
        help: help('Jenis dari periferal yang digunakan (input, output, input/output).', 'Input, output or input/output.'),
      },
      {
        key: 'location',
        label: { id: 'Lokasi Penempatan Periferal', en: 'Peripheral location' },
        type: 'string',
        help: help('(mengacu pada metadata fasilitas)', 'Refers to the facility metadata.'),
      },
      {
        key: 'managingUnit',
        label: { id: 'Unit Pengelola Periferal', en: 'Peripheral managing unit' },
        type: 'string',
        help: help(
          'Unit pengelola periferal yang digunakan. (Dokumen menulis "Unit Pengelola etwork/ Communication Device".)',
          'Unit managing the peripheral. (The document’s label is a copy-paste slip.)',
        ),
      },
      relatedMetadataId(),
    ],
    relations: [{ type: 'serves', targets: SERVED }],
  }),
  defineKind({
    ...common,
    id: 'service-bus',
    label: { id: 'Sistem Penghubung Layanan', en: 'Government service bus' },
    description: {
      id: 'Sistem layanan komunikasi untuk interaksi antar aplikasi dalam pertukaran data maupun layanan (RAI 02.02).',
      en: 'Communication system through which applications exchange data and services (RAI 02.02).',
    },
    source: 'Tabel 5.13',
    attributes: [
      {
        key: 'busType',
        label: { id: 'Jenis Sistem Penghubung', en: 'Service bus type' },
        type: 'enum',
        options: [
          { value: 'sistem penghubung pemerintah', label: { id: 'Sistem penghubung pemerintah', en: 'Government service bus' } },
          { value: 'sistem penghubung non pemerintah', label: { id: 'Sistem penghubung non pemerintah', en: 'Non-government service bus' } },
        ],
        help: help(
          'Jenis sistem penghubung yang digunakan (Sistem penghubung pemerintah / sistem penghubung non pemerintah).',
          'Government or non-government service bus.',
        ),
      },
      ownershipStatus('Kepemilikan', 'sistem penghubung'),
      ownerName('sistem penghubung'),
      {
        key: 'intranet',
        label: { id: 'Nama Jaringan Intra yang digunakan', en: 'Intranet used' },
        type: 'string',
        help: help(
          'Nama jaringan intra yang digunakan oleh sistem penghubung, pilihan jaringan intra didapat dari metadata jaringan intra Pemerintah.',
          'Intranet the service bus runs on, taken from the intranet metadata.',
        ),
      },
      {
        key: 'connectedApplications',
        label: { id: 'Aplikasi yang dihubungkan', en: 'Connected applications' },
        type: 'string[]',
        help: help(
          'Aplikasi yang dihubungkan oleh sistem penghubung, pilihan aplikasi didapat dari metadata aplikasi.',
          'Applications the service bus connects, taken from the application metadata.',
        ),
      },
      relatedMetadataId(),
    ],
    relations: [
      { type: 'serves', targets: SERVED },
      { type: 'connects', targets: [...CONNECTED, 'application-interface'] },
      { type: 'uses', targets: ['intranet'] },
    ],
  }),
  defineKind({
    ...common,
    id: 'intranet',
    label: { id: 'Jaringan Intra Pemerintah', en: 'Government intranet' },
    description: {
      id: 'Jaringan tertutup yang menghubungkan sub sistem atau simpul jaringan dalam satu sistem/organisasi (RAI 02.01).',
      en: 'Closed network linking the subsystems or nodes of one system/organisation (RAI 02.01).',
    },
    source: 'Tabel 5.14',
    attributes: [
      {
        key: 'networkType',
        label: { id: 'Jenis Jaringan', en: 'Network type' },
        type: 'string',
        help: help('Merupakan jenis jaringan yang digunakan.', 'Kind of network, e.g. LAN, WAN, MAN, VPN.'),
      },
      ownershipStatus('Kepemilikan', 'jaringan'),
      ownerName('jaringan'),
      {
        key: 'managingUnit',
        label: { id: 'Unit Kerja Pengelola Jaringan', en: 'Network managing unit' },
        type: 'string',
        help: help('Merupakan unit kerja/perangkat daerah pengelola jaringan.', 'Work unit / OPD managing the network.'),
      },
      {
        key: 'bandwidth',
        label: { id: 'Bandwidth', en: 'Bandwidth' },
        type: 'number',
        unit: BANDWIDTH_UNIT,
        min: 0,
        help: help('Merupakan jumlah bandwidth yang tersedia.', 'Available bandwidth.'),
      },
      {
        key: 'mediaType',
        label: { id: 'Tipe Media Jaringan', en: 'Network medium' },
        type: 'enum',
        options: [
          { value: 'Fiber Optik', label: { id: 'Fiber optik', en: 'Optical fibre' } },
          { value: 'Kabel Tembaga', label: { id: 'Kabel tembaga (UTP/koaksial)', en: 'Copper cable (UTP/coaxial)' } },
          { value: 'Nirkabel', label: { id: 'Nirkabel (radio/wireless)', en: 'Wireless (radio)' } },
          { value: 'Satelit', label: { id: 'Satelit', en: 'Satellite' } },
          { value: 'Lainnya', label: { id: 'Lainnya', en: 'Other' } },
        ],
        help: help('Merupakan tipe dari media jaringan.', 'Transmission medium of the network.'),
      },
      {
        key: 'otherMedia',
        label: { id: 'Media Lainnya', en: 'Other medium' },
        type: 'string',
        help: help('Merupakan tipe dari media jaringan, diisi bila Tipe Media Jaringan "Lainnya".', 'The medium, when the network medium is "Lainnya".'),
      },
      relatedMetadataId(),
    ],
    relations: [
      { type: 'serves', targets: SERVED },
      { type: 'connects', targets: CONNECTED },
      { type: 'composes', targets: ['network-device', 'security-device'] },
    ],
  }),
  defineKind({
    ...common,
    id: 'facility',
    label: { id: 'Fasilitas Komputasi', en: 'Computing facility' },
    description: {
      id: 'Pusat data, pusat komputasi atau pusat kendali (RAI 01). Kode Model Referensi SPBE (baris 3 Tabel 5.15) adalah simpul referensi elemen.',
      en: 'Data centre, computing centre or control centre (RAI 01). The table’s "Kode Model Referensi SPBE" is the element’s reference node.',
    },
    source: 'Tabel 5.15',
    attributes: [
      {
        key: 'intranetBandwidth',
        label: { id: 'Bandwidth Intranet', en: 'Intranet bandwidth' },
        type: 'number',
        unit: BANDWIDTH_UNIT,
        min: 0,
        help: help('Merupakan jumlah bandwidth intranet yang tersedia selama 1 tahun.', 'Intranet bandwidth available over the year.'),
      },
      {
        key: 'internetBandwidth',
        label: { id: 'Bandwidth Internet', en: 'Internet bandwidth' },
        type: 'number',
        unit: BANDWIDTH_UNIT,
        min: 0,
        help: help('Merupakan jumlah bandwidth internet yang tersedia selama 1 tahun.', 'Internet bandwidth available over the year.'),
      },
      {
        key: 'location',
        label: { id: 'Lokasi', en: 'Location' },
        type: 'string',
        help: help('Merupakan lokasi dari fasilitas.', 'Where the facility is.'),
      },
      {
        key: 'ownership',
        label: { id: 'Kepemilikan', en: 'Owner' },
        type: 'string',
        help: help('Merupakan unit pemilik dari fasilitas.', 'Unit owning the facility.'),
      },
      {
        key: 'responsibleUnit',
        label: { id: 'Unit Kerja Penanggung jawab', en: 'Responsible unit' },
        type: 'string',
        help: help('Merupakan unit kerja/perangkat daerah yang bertanggung jawab atas fasilitas.', 'Work unit / OPD responsible for the facility.'),
      },
      {
        key: 'tierClassification',
        label: { id: 'Klasifikasi Tier Fasilitas', en: 'Facility tier' },
        type: 'enum',
        options: [
          { value: 'Tier 1', label: { id: 'Tier 1', en: 'Tier 1' } },
          { value: 'Tier 2', label: { id: 'Tier 2', en: 'Tier 2' } },
          { value: 'Tier 3', label: { id: 'Tier 3', en: 'Tier 3' } },
          { value: 'Tier 4', label: { id: 'Tier 4', en: 'Tier 4' } },
          { value: 'Belum terklasifikasi', label: { id: 'Belum terklasifikasi', en: 'Not classified' } },
        ],
        help: help('Merupakan klasifikasi tier fasilitas.', 'Tier classification of the facility (data centre tiers 1–4).'),
      },
      {
        key: 'securitySystem',
        label: { id: 'Sistem Pengamanan Fasilitas', en: 'Facility security system' },
        type: 'string',
        help: help('Merupakan tipe pengaman fasilitas.', 'How the facility is secured (e.g. access control, CCTV, fire suppression).'),
      },
      relatedMetadataId(),
    ],
    relations: [
      { type: 'serves', targets: SERVED },
      {
        type: 'hosts',
        targets: [...HOSTED, 'cloud', 'network-device', 'security-device', 'peripheral', 'service-bus', 'security-hardware'],
      },
    ],
  }),
];
