import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { SandboxContext } from './context';
import { badRequest } from './errors';
import { digest, kyaProfileFor } from './scenarios';
import { type KyaTask, type Owner, ownedTask } from './state';

export const KyaCreateBody = z.looseObject({
  address: z.string().trim().min(1).max(128),
  chain: z.string().trim().min(1).max(16).optional(),
});

export const KyaInfoQuery = z.object({
  address: z.string().trim().min(1).max(128),
  chain: z.string().trim().min(1).max(16).optional(),
});

const ETH_ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const BECH32_CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

function sha256(bytes: Buffer): Buffer {
  return createHash('sha256').update(bytes).digest();
}

/** Legacy (P2PKH `1…`) and script (P2SH `3…`) addresses: base58 with a double-SHA-256 checksum. */
function isBase58CheckAddress(address: string): boolean {
  if (!/^[13][1-9A-HJ-NP-Za-km-z]{25,34}$/.test(address)) return false;
  let value = 0n;
  for (const char of address) value = value * 58n + BigInt(BASE58_ALPHABET.indexOf(char));
  const hex = value.toString(16).padStart(50, '0');
  if (hex.length !== 50) return false;
  const bytes = Buffer.from(hex, 'hex');
  const checksum = sha256(sha256(bytes.subarray(0, 21))).subarray(0, 4);
  return checksum.equals(bytes.subarray(21)) && (bytes[0] === 0x00 || bytes[0] === 0x05);
}

function bech32Polymod(values: number[]): number {
  const generators = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let checksum = 1;
  for (const value of values) {
    const top = checksum >>> 25;
    checksum = ((checksum & 0x1ffffff) << 5) ^ value;
    for (let bit = 0; bit < 5; bit += 1) if ((top >>> bit) & 1) checksum ^= generators[bit]!;
  }
  return checksum >>> 0;
}

/** SegWit addresses (`bc1…`): bech32 for witness v0, bech32m for v1+ (BIP 173 / BIP 350). */
function isSegwitAddress(address: string): boolean {
  if (address !== address.toLowerCase() && address !== address.toUpperCase()) return false;
  const lower = address.toLowerCase();
  if (!/^bc1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{11,71}$/.test(lower)) return false;
  const data = [...lower.slice(3)].map((char) => BECH32_CHARSET.indexOf(char));
  const expanded = [...'bc']
    .map((c) => c.charCodeAt(0) >> 5)
    .concat(
      [0],
      [...'bc'].map((c) => c.charCodeAt(0) & 31),
    );
  const polymod = bech32Polymod([...expanded, ...data]);
  const witnessVersion = data[0];
  return witnessVersion === 0 ? polymod === 1 : polymod === 0x2bc830a3;
}

/** Detects the chain and normalizes the address (ETH lower-cased; BTC is case-sensitive except bech32). */
export function classifyAddress(raw: string): { chain: 'eth' | 'btc'; address: string } | null {
  if (ETH_ADDRESS.test(raw)) return { chain: 'eth', address: raw.toLowerCase() };
  if (isBase58CheckAddress(raw)) return { chain: 'btc', address: raw };
  if (isSegwitAddress(raw)) return { chain: 'btc', address: raw.toLowerCase() };
  return null;
}

function resolveAddress(rawAddress: string, chain: string | undefined) {
  const classified = classifyAddress(rawAddress);
  const requested = chain?.toLowerCase();
  if (requested !== undefined && requested !== 'eth' && requested !== 'btc') {
    throw badRequest('chain: only btc and eth are supported');
  }
  if (!classified) throw badRequest('address: not a valid BTC or ETH address');
  if (requested !== undefined && requested !== classified.chain) {
    throw badRequest(`address: not a valid ${requested.toUpperCase()} address`);
  }
  return classified;
}

/** Deterministic on-chain figures for an address, so the same address always looks the same. */
function chainFigures(address: string, chain: 'eth' | 'btc', now: number) {
  const bytes = digest(`figures:${address}`);
  const txCount = 5 + (bytes.readUInt16BE(0) % 400);
  const received = (bytes.readUInt32BE(2) % 5_000_000) / 1000;
  const sent = Math.min(received, (bytes.readUInt32BE(6) % 5_000_000) / 1000);
  const firstSeen = now - (30 + (bytes.readUInt16BE(10) % 1500)) * 86_400;
  const lastSeen = now - (bytes.readUInt16BE(12) % 30) * 86_400;
  return {
    chain,
    balance: Math.round((received - sent) * 1000) / 1000,
    received,
    sent,
    tx_count: txCount,
    first_seen: firstSeen,
    last_seen: lastSeen,
  };
}

/** [seed] KryptoGO's five bands; the sandbox is the provider here, so it carries its own copy of its rating. */
function riskLevel(score: number): string {
  if (score >= 100) return 'Very high';
  if (score >= 75) return 'High';
  if (score >= 50) return 'Medium';
  if (score >= 25) return 'Low to medium';
  return 'Low';
}

function counterparty(chain: 'eth' | 'btc', seed: string): string {
  const hex = digest(seed).toString('hex');
  return chain === 'eth'
    ? `0x${hex.slice(0, 40)}`
    : `bc1q${hex.slice(0, 38).replace(/[^qpzry9x8gf2tvdw0s3jn54khce6mua7l]/g, 'q')}`;
}

function buildKyaResult(ctx: SandboxContext, address: string, chain: 'eth' | 'btc') {
  const now = ctx.now();
  const profile = kyaProfileFor(address, ctx.state.kyaProfiles.get(address));
  const figures = chainFigures(address, chain, now);
  const txCount = Math.min(5, figures.tx_count);
  const txlist = Array.from({ length: txCount }, (_, index) => {
    const other = counterparty(chain, `${address}:${index}`);
    const incoming = index % 2 === 0;
    const flagged = profile.flaggedCounterparty && index === 0;
    return {
      hash: `${chain === 'eth' ? '0x' : ''}${digest(`tx:${address}:${index}`).toString('hex')}`,
      from: incoming ? other : address,
      to: incoming ? address : other,
      value: (digest(`value:${address}:${index}`).readUInt32BE(0) % 100_000) / 1000,
      timestamp: figures.last_seen - index * 3600,
      risk: flagged ? 'high' : 'low',
    };
  });
  const sdnlist = profile.sanctioned ? [{ name: 'SANDBOX SANCTIONED ENTITY', list: 'SDN', address }] : [];
  return {
    data: { risk_score: profile.riskScore, risk_level: riskLevel(profile.riskScore), ...figures },
    sdnlist,
    txlist,
  };
}

/** K2: validates, computes and stores the result synchronously. */
export function createKyaTask(
  ctx: SandboxContext,
  owner: Owner,
  body: z.infer<typeof KyaCreateBody>,
  customerReference: string | null = null,
): KyaTask {
  const { address, chain } = resolveAddress(body.address, body.chain);
  const result = buildKyaResult(ctx, address, chain);
  const task: KyaTask = {
    id: ctx.state.nextId('kya'),
    owner,
    address,
    chain,
    ...result,
    createdAt: ctx.now(),
    customerReference,
  };
  ctx.state.kyaTasks.set(task.id, task);
  return task;
}

/** K3: figures only, nothing stored. */
export function kyaInfo(ctx: SandboxContext, query: z.infer<typeof KyaInfoQuery>) {
  const { address, chain } = resolveAddress(query.address, query.chain);
  return { address, ...chainFigures(address, chain, ctx.now()) };
}

export function ownedKyaTask(ctx: SandboxContext, owner: Owner, kyaId: number | null): KyaTask {
  return ownedTask(ctx.state.kyaTasks, owner, kyaId, 'KYA task');
}

/** K1/K2 response. */
export function kyaView(task: KyaTask) {
  return {
    kya_id: task.id,
    address: task.address,
    data: task.data,
    sdnlist: task.sdnlist,
    txlist: task.txlist,
    creation_timestamp: task.createdAt,
    creator_account: task.owner.account,
    creator_email: task.owner.account,
    creator_name: task.owner.name,
    customer_reference: task.customerReference,
  };
}

/** A fresh, valid, lower-case ETH address for scenario tasks. */
export function randomEthAddress(): string {
  return `0x${randomBytes(20).toString('hex')}`;
}
