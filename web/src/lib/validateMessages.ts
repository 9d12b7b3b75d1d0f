import type { FormProps } from 'antd';

type ValidateMessages = NonNullable<FormProps['validateMessages']>;

const typeId = '${label} bukan ${type} yang valid';

/** AntD form validation messages in Indonesian. */
export const validateMessagesId: ValidateMessages = {
  default: 'Isian ${label} tidak valid',
  required: '${label} wajib diisi',
  enum: '${label} harus salah satu dari [${enum}]',
  whitespace: '${label} tidak boleh hanya berisi spasi',
  date: {
    format: 'Format tanggal ${label} tidak valid',
    parse: '${label} tidak dapat dibaca sebagai tanggal',
    invalid: '${label} bukan tanggal yang valid',
  },
  types: {
    string: typeId,
    method: typeId,
    array: typeId,
    object: typeId,
    number: '${label} harus berupa angka',
    date: '${label} harus berupa tanggal',
    boolean: typeId,
    integer: '${label} harus berupa bilangan bulat',
    float: '${label} harus berupa angka',
    regexp: typeId,
    email: '${label} bukan alamat surel yang valid',
    url: '${label} bukan alamat web yang valid',
    hex: typeId,
  },
  string: {
    len: '${label} harus ${len} karakter',
    min: '${label} minimal ${min} karakter',
    max: '${label} maksimal ${max} karakter',
    range: '${label} harus ${min}–${max} karakter',
  },
  number: {
    len: '${label} harus sama dengan ${len}',
    min: '${label} minimal ${min}',
    max: '${label} maksimal ${max}',
    range: '${label} harus antara ${min} dan ${max}',
  },
  array: {
    len: '${label} harus berisi ${len} pilihan',
    min: '${label} minimal ${min} pilihan',
    max: '${label} maksimal ${max} pilihan',
    range: '${label} harus berisi ${min}–${max} pilihan',
  },
  pattern: {
    mismatch: '${label} tidak sesuai pola ${pattern}',
  },
};

const typeEn = '${label} is not a valid ${type}';

export const validateMessagesEn: ValidateMessages = {
  default: '${label} is not valid',
  required: '${label} is required',
  enum: '${label} must be one of [${enum}]',
  whitespace: '${label} cannot be empty',
  date: {
    format: '${label} has an invalid date format',
    parse: '${label} cannot be read as a date',
    invalid: '${label} is not a valid date',
  },
  types: {
    string: typeEn,
    method: typeEn,
    array: typeEn,
    object: typeEn,
    number: '${label} must be a number',
    date: '${label} must be a date',
    boolean: typeEn,
    integer: '${label} must be a whole number',
    float: '${label} must be a number',
    regexp: typeEn,
    email: '${label} is not a valid email address',
    url: '${label} is not a valid web address',
    hex: typeEn,
  },
  string: {
    len: '${label} must be ${len} characters',
    min: '${label} must be at least ${min} characters',
    max: '${label} must be at most ${max} characters',
    range: '${label} must be ${min}–${max} characters',
  },
  number: {
    len: '${label} must equal ${len}',
    min: '${label} must be at least ${min}',
    max: '${label} must be at most ${max}',
    range: '${label} must be between ${min} and ${max}',
  },
  array: {
    len: '${label} must have ${len} items',
    min: '${label} must have at least ${min} items',
    max: '${label} must have at most ${max} items',
    range: '${label} must have ${min}–${max} items',
  },
  pattern: {
    mismatch: '${label} does not match the pattern ${pattern}',
  },
};
