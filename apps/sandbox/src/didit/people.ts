import { createHash } from 'node:crypto';

/** Deterministic random numbers: the same seed always yields the same person, scores and pictures. */
export class SeededRandom {
  private state: number;

  constructor(seed: string) {
    this.state = createHash('sha256').update(seed).digest().readUInt32LE(0);
  }

  /** mulberry32: tiny, fast and good enough to vary test data. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let mixed = this.state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  }

  integer(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A number with two decimals in [min, max]. */
  decimal(min: number, max: number): number {
    return Math.round((min + this.next() * (max - min)) * 100) / 100;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  digits(count: number): string {
    let out = '';
    for (let index = 0; index < count; index++) out += String(this.integer(0, 9));
    return out;
  }

  letters(count: number): string {
    let out = '';
    for (let index = 0; index < count; index++) out += String.fromCharCode(65 + this.integer(0, 25));
    return out;
  }
}

interface City {
  name: string;
  region: string;
  postalCode: string;
  latitude: number;
  longitude: number;
  timeZone: string;
  timeZoneOffset: number;
}

interface CountryProfile {
  alpha3: string;
  alpha2: string;
  name: string;
  documentType: 'Identity Card' | 'Passport' | "Driver's License" | 'Residence Permit';
  maleNames: readonly string[];
  femaleNames: readonly string[];
  lastNames: readonly string[];
  streets: readonly string[];
  cities: readonly City[];
  documentNumber: (random: SeededRandom) => string;
  personalNumber: ((random: SeededRandom) => string) | null;
  isp: string;
  ipPrefix: string;
}

const COUNTRIES: readonly CountryProfile[] = [
  {
    alpha3: 'ESP',
    alpha2: 'ES',
    name: 'Spain',
    documentType: 'Identity Card',
    maleNames: ['José', 'Álvaro', 'Martín', 'Joaquín'],
    femaleNames: ['María', 'Lucía', 'Inés', 'Begoña'],
    lastNames: ['Núñez', 'Muñoz', 'García-Peña', 'Ibáñez'],
    streets: ['Calle de Alcalá', 'Paseo de la Castellana', 'Avenida de Andalucía'],
    cities: [
      {
        name: 'Madrid',
        region: 'Comunidad de Madrid',
        postalCode: '28014',
        latitude: 40.4168,
        longitude: -3.7038,
        timeZone: 'Europe/Madrid',
        timeZoneOffset: 1,
      },
      {
        name: 'Sevilla',
        region: 'Andalucía',
        postalCode: '41001',
        latitude: 37.3891,
        longitude: -5.9845,
        timeZone: 'Europe/Madrid',
        timeZoneOffset: 1,
      },
    ],
    documentNumber: (random) => `${random.letters(3)}${random.digits(6)}`,
    personalNumber: (random) => `${random.digits(8)}${random.letters(1)}`,
    isp: 'Telefonica de Espana',
    ipPrefix: '83.45',
  },
  {
    alpha3: 'DEU',
    alpha2: 'DE',
    name: 'Germany',
    documentType: 'Identity Card',
    maleNames: ['José', 'Jürgen', 'Björn', 'Lukas'],
    femaleNames: ['Käthe', 'Jördis', 'Anna', 'Sophie'],
    lastNames: ['Müller-Ünlü', 'Schröder', 'Weiß', 'Groß'],
    streets: ['Schönhauser Allee', 'Königstraße', 'Friedrichstraße'],
    cities: [
      {
        name: 'Berlin',
        region: 'Berlin',
        postalCode: '10115',
        latitude: 52.52,
        longitude: 13.405,
        timeZone: 'Europe/Berlin',
        timeZoneOffset: 1,
      },
      {
        name: 'München',
        region: 'Bayern',
        postalCode: '80331',
        latitude: 48.1351,
        longitude: 11.582,
        timeZone: 'Europe/Berlin',
        timeZoneOffset: 1,
      },
    ],
    documentNumber: (random) => `L${random.letters(2)}${random.digits(6)}`,
    personalNumber: null,
    isp: 'Deutsche Telekom AG',
    ipPrefix: '91.12',
  },
  {
    alpha3: 'TUR',
    alpha2: 'TR',
    name: 'Turkey',
    documentType: 'Passport',
    maleNames: ['Çağan', 'Ömer', 'Şükrü', 'İlker'],
    femaleNames: ['Gülşen', 'Şebnem', 'Öykü', 'Ayşe'],
    lastNames: ['Ünlü', 'Şahin', 'Çelik', 'Öztürk'],
    streets: ['İstiklal Caddesi', 'Bağdat Caddesi', 'Atatürk Bulvarı'],
    cities: [
      {
        name: 'İstanbul',
        region: 'İstanbul',
        postalCode: '34430',
        latitude: 41.0082,
        longitude: 28.9784,
        timeZone: 'Europe/Istanbul',
        timeZoneOffset: 3,
      },
    ],
    documentNumber: (random) => `U${random.digits(8)}`,
    personalNumber: (random) => random.digits(11),
    isp: 'Turk Telekom',
    ipPrefix: '85.105',
  },
  {
    alpha3: 'FRA',
    alpha2: 'FR',
    name: 'France',
    documentType: 'Passport',
    maleNames: ['Benoît', 'Jérôme', 'François', 'Noël'],
    femaleNames: ['Éloïse', 'Hélène', 'Maëlle', 'Chloé'],
    lastNames: ['Lefèvre', 'Bélanger', 'Dupré', 'Mercier'],
    streets: ['Rue de Rivoli', 'Boulevard Saint-Germain', 'Rue Lécourbe'],
    cities: [
      {
        name: 'Paris',
        region: 'Île-de-France',
        postalCode: '75001',
        latitude: 48.8566,
        longitude: 2.3522,
        timeZone: 'Europe/Paris',
        timeZoneOffset: 1,
      },
      {
        name: 'Lyon',
        region: 'Auvergne-Rhône-Alpes',
        postalCode: '69001',
        latitude: 45.764,
        longitude: 4.8357,
        timeZone: 'Europe/Paris',
        timeZoneOffset: 1,
      },
    ],
    documentNumber: (random) => `${random.digits(2)}${random.letters(2)}${random.digits(5)}`,
    personalNumber: null,
    isp: 'Orange S.A.',
    ipPrefix: '90.84',
  },
  {
    alpha3: 'BRA',
    alpha2: 'BR',
    name: 'Brazil',
    documentType: "Driver's License",
    maleNames: ['João', 'Sebastião', 'Antônio'],
    femaleNames: ['Conceição', 'Lívia', 'Fátima'],
    lastNames: ['Gonçalves', 'Araújo', 'Magalhães', 'Simões'],
    streets: ['Avenida Paulista', 'Rua Augusta', 'Rua da Consolação'],
    cities: [
      {
        name: 'São Paulo',
        region: 'São Paulo',
        postalCode: '01310-100',
        latitude: -23.5505,
        longitude: -46.6333,
        timeZone: 'America/Sao_Paulo',
        timeZoneOffset: -3,
      },
    ],
    documentNumber: (random) => random.digits(11),
    personalNumber: (random) =>
      `${random.digits(3)}.${random.digits(3)}.${random.digits(3)}-${random.digits(2)}`,
    isp: 'Claro S.A.',
    ipPrefix: '177.32',
  },
  {
    alpha3: 'POL',
    alpha2: 'PL',
    name: 'Poland',
    documentType: 'Identity Card',
    maleNames: ['Łukasz', 'Paweł', 'Bartłomiej'],
    femaleNames: ['Małgorzata', 'Żaneta', 'Agnieszka'],
    lastNames: ['Wójcik', 'Kowalczyk', 'Żółkiewska', 'Dąbrowski'],
    streets: ['ulica Marszałkowska', 'Aleje Jerozolimskie', 'ulica Świętokrzyska'],
    cities: [
      {
        name: 'Warszawa',
        region: 'Mazowieckie',
        postalCode: '00-001',
        latitude: 52.2297,
        longitude: 21.0122,
        timeZone: 'Europe/Warsaw',
        timeZoneOffset: 1,
      },
    ],
    documentNumber: (random) => `${random.letters(3)}${random.digits(6)}`,
    personalNumber: (random) => random.digits(11),
    isp: 'Orange Polska S.A.',
    ipPrefix: '83.24',
  },
  {
    alpha3: 'USA',
    alpha2: 'US',
    name: 'United States',
    documentType: "Driver's License",
    maleNames: ['Michael', 'Daniel', 'Ethan'],
    femaleNames: ['Emily', 'Olivia', 'Madison'],
    lastNames: ['Johnson', "O'Connor", 'Rodríguez', 'Nguyen'],
    streets: ['Market Street', 'Broadway', 'Elm Street'],
    cities: [
      {
        name: 'San Francisco',
        region: 'California',
        postalCode: '94105',
        latitude: 37.7749,
        longitude: -122.4194,
        timeZone: 'America/Los_Angeles',
        timeZoneOffset: -8,
      },
      {
        name: 'New York',
        region: 'New York',
        postalCode: '10001',
        latitude: 40.7128,
        longitude: -74.006,
        timeZone: 'America/New_York',
        timeZoneOffset: -5,
      },
    ],
    documentNumber: (random) => `${random.letters(1)}${random.digits(7)}`,
    personalNumber: null,
    isp: 'Comcast Cable Communications',
    ipPrefix: '73.158',
  },
];

/** Where an IP that does not match the document appears to come from. */
export const FOREIGN_IP_ORIGIN = {
  alpha2: 'NL',
  name: 'Netherlands',
  city: 'Amsterdam',
  region: 'North Holland',
  latitude: 52.3676,
  longitude: 4.9041,
  timeZone: 'Europe/Amsterdam',
  timeZoneOffset: 1,
  isp: 'M247 Europe SRL',
  ipPrefix: '185.107',
} as const;

export interface SimulatedPerson {
  firstName: string;
  lastName: string;
  gender: 'M' | 'F';
  dateOfBirth: string;
  country: CountryProfile;
  city: City;
  street: string;
  houseNumber: number;
  documentType: CountryProfile['documentType'];
  documentNumber: string;
  personalNumber: string | null;
  dateOfIssue: string;
  expirationDate: string;
  ipAddress: string;
  /** Drives the colours of the generated pictures. */
  appearance: { skinTone: number; hairTone: number; cardHue: number };
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function countryByAlpha3(alpha3: string): CountryProfile | undefined {
  return COUNTRIES.find((country) => country.alpha3 === alpha3);
}

/**
 * A realistic, deterministic person. `now` anchors ages and document dates so a valid document stays valid
 * under a frozen test clock.
 */
export function generatePerson(seed: string, now: number): SimulatedPerson {
  const random = new SeededRandom(`person:${seed}`);
  const country = random.pick(COUNTRIES);
  const gender = random.next() < 0.5 ? 'M' : 'F';
  const today = new Date(now);
  const birth = new Date(
    Date.UTC(today.getUTCFullYear() - random.integer(19, 68), random.integer(0, 11), random.integer(1, 28)),
  );
  const issue = new Date(
    Date.UTC(today.getUTCFullYear() - random.integer(1, 4), random.integer(0, 11), random.integer(1, 28)),
  );
  const expiry = new Date(Date.UTC(issue.getUTCFullYear() + 10, issue.getUTCMonth(), issue.getUTCDate()));
  return {
    firstName: random.pick(gender === 'M' ? country.maleNames : country.femaleNames),
    lastName: random.pick(country.lastNames),
    gender,
    dateOfBirth: isoDate(birth),
    country,
    city: random.pick(country.cities),
    street: random.pick(country.streets),
    houseNumber: random.integer(1, 180),
    documentType: country.documentType,
    documentNumber: country.documentNumber(random),
    personalNumber: country.personalNumber ? country.personalNumber(random) : null,
    dateOfIssue: isoDate(issue),
    expirationDate: isoDate(expiry),
    ipAddress: `${country.ipPrefix}.${random.integer(1, 254)}.${random.integer(1, 254)}`,
    appearance: { skinTone: random.next(), hairTone: random.next(), cardHue: random.next() },
  };
}

export function ageOn(dateOfBirth: string, now: number): number {
  const birth = new Date(`${dateOfBirth}T00:00:00Z`);
  const today = new Date(now);
  let age = today.getUTCFullYear() - birth.getUTCFullYear();
  const beforeBirthday =
    today.getUTCMonth() < birth.getUTCMonth() ||
    (today.getUTCMonth() === birth.getUTCMonth() && today.getUTCDate() < birth.getUTCDate());
  if (beforeBirthday) age -= 1;
  return age;
}

/** Great-circle distance in km, used for the IP-to-document distances of the IP analysis. */
export function distanceKm(
  from: { latitude: number; longitude: number },
  to: { latitude: number; longitude: number },
) {
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const deltaLatitude = radians(to.latitude - from.latitude);
  const deltaLongitude = radians(to.longitude - from.longitude);
  const haversine =
    Math.sin(deltaLatitude / 2) ** 2 +
    Math.cos(radians(from.latitude)) * Math.cos(radians(to.latitude)) * Math.sin(deltaLongitude / 2) ** 2;
  return Math.round(2 * 6371 * Math.asin(Math.sqrt(haversine)) * 100) / 100;
}
