import { BlockFrostAPI, BlockfrostClientError, BlockfrostServerError } from '@blockfrost/blockfrost-js';
import { castProtocol, SLOT_CONFIG_NETWORK, type UTxO } from '@meshsdk/core';
import type { ProtocolParams, SlotConfig } from './chain-types.js';
import { type AddressTransaction, type AssetView, type Chain, ChainError, type ChainTip, TxRejectedError, type UtxoView } from './chain.js';
import type { ProviderConfig } from './provider-config.js';
import { BLOCKFROST_RATE_LIMIT, isRefusedBeforeProcessing, isTransientForRead, type ProviderFailure, READ_BACKOFF, TokenBucket, withBackoff } from './provider-throttle.js';

type BlockfrostUtxo = Awaited<ReturnType<BlockFrostAPI['addressesUtxos']>>[number];

function toMeshUtxo(utxo: { tx_hash: string; output_index: number; address: string; amount: { unit: string; quantity: string }[]; data_hash: string | null; inline_datum: string | null; reference_script_hash: string | null }): UTxO {
  return {
    input: { txHash: utxo.tx_hash, outputIndex: utxo.output_index },
    output: {
      address: utxo.address,
      amount: utxo.amount.map(({ unit, quantity }) => ({ unit, quantity })),
      ...(utxo.data_hash ? { dataHash: utxo.data_hash } : {}),
      ...(utxo.inline_datum ? { plutusData: utxo.inline_datum } : {}),
      ...(utxo.reference_script_hash ? { scriptHash: utxo.reference_script_hash } : {}),
    },
  };
}

function toUtxoView(utxo: BlockfrostUtxo): UtxoView {
  return {
    txHash: utxo.tx_hash,
    outputIndex: utxo.output_index,
    address: utxo.address,
    amounts: utxo.amount.map(({ unit, quantity }) => ({ unit, quantity })),
    dataHash: utxo.data_hash ?? null,
    inlineDatum: utxo.inline_datum ?? null,
    referenceScriptHash: utxo.reference_script_hash ?? null,
    block: utxo.block,
  };
}

const isNotFound = (error: unknown): boolean => error instanceof BlockfrostServerError && error.status_code === 404;

function failureOf(error: unknown): ProviderFailure {
  if (error instanceof BlockfrostServerError) return { status: error.status_code, code: undefined };
  if (error instanceof BlockfrostClientError) return { status: undefined, code: error.code };
  return { status: undefined, code: undefined };
}

/** Maps a provider failure to a ChainError: the caller must never mistake a fault for "nothing there". */
function fault(error: unknown, what: string): never {
  if (error instanceof ChainError) throw error;
  const status = error instanceof BlockfrostServerError ? error.status_code : undefined;
  throw new ChainError(`${what}: ${error instanceof Error ? error.message : String(error)}`, status);
}

const PAGE = 100;

type ClientOptions = NonNullable<ConstructorParameters<typeof BlockFrostAPI>[0]>;
type Pacing = { rateLimiter: false; retrySettings: NonNullable<ClientOptions['retrySettings']>; gotOptions?: NonNullable<ClientOptions['gotOptions']> };

/**
 * blockfrost-js's own pacing and retries are off: its limiter does not see a 429, and its retries
 * (three, a fixed second apart) would bypass ours. Every HTTP request, pages of `…All` calls
 * included, takes a token from the bucket first.
 */
function clientOptions(bucket: TokenBucket | undefined): Pacing {
  return {
    rateLimiter: false,
    retrySettings: { limit: 0, methods: [], statusCodes: [], errorCodes: [], calculateDelay: () => 0 },
    ...(bucket ? { gotOptions: { hooks: { beforeRequest: [() => bucket.take()] } } } : {}),
  };
}

export interface ChainOptions {
  /**
   * Paces requests to the provider; share one per provider among the chains of a process (Blockfrost
   * limits per client IP); `null`: unpaced. Default: a new bucket at Blockfrost's published limit for
   * Blockfrost, none for the devnet.
   */
  bucket?: TokenBucket | null;
}

/**
 * Chain access over blockfrost-js: the real Blockfrost for Preprod/Mainnet, or our devnet by URL.
 * Reads are repeated with exponential backoff and jitter after a 429, a 5xx or a network error; a
 * submission only when the provider certainly did not take it.
 */
export function createBlockfrostChain(provider: ProviderConfig, networkId: 0 | 1, devnetUrl?: string, options: ChainOptions = {}): Chain {
  let api: BlockFrostAPI;
  const bucket = options.bucket === undefined ? (provider.kind === 'blockfrost' ? new TokenBucket(BLOCKFROST_RATE_LIMIT) : undefined) : (options.bucket ?? undefined);
  if (provider.kind === 'devnet') {
    if (!devnetUrl) throw new ChainError('this payment source uses the local devnet, which is not running');
    api = new BlockFrostAPI({ customBackend: devnetUrl, ...clientOptions(bucket) });
  } else {
    api = new BlockFrostAPI({ projectId: provider.projectId, network: networkId === 1 ? 'mainnet' : 'preprod', ...clientOptions(bucket) });
  }
  const retried = <T>(call: () => Promise<T>): Promise<T> => withBackoff(bucket, READ_BACKOFF, failureOf, isTransientForRead, call);
  const orNull = async <T>(what: string, call: () => Promise<T>): Promise<T | null> => {
    try {
      return await retried(call);
    } catch (error) {
      if (isNotFound(error)) return null;
      fault(error, what);
    }
  };
  const orEmpty = async <T>(what: string, call: () => Promise<T[]>): Promise<T[]> => (await orNull(what, call)) ?? [];
  const orFault = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
    try {
      return await retried(call);
    } catch (error) {
      fault(error, what);
    }
  };
  let slotConfigCache: SlotConfig | undefined;
  let paramsCache: { epoch: number; params: ProtocolParams; fetchedAt: number } | undefined;
  // Jobs start on the same timer tick and all ask for the tip: callers while a request is out share it.
  let tipInFlight: Promise<ChainTip> | undefined;
  const fetchTip = async (): Promise<ChainTip> => {
    const block = await orFault('latest block', () => api.blocksLatest());
    return { height: block.height ?? 0, hash: block.hash, slot: block.slot ?? 0, time: BigInt(block.time) * 1000n };
  };

  return {
    kind: provider.kind === 'devnet' ? 'devnet' : 'blockfrost',
    networkId,

    tip(): Promise<ChainTip> {
      tipInFlight ??= fetchTip().finally(() => {
        tipInFlight = undefined;
      });
      return tipInFlight;
    },

    async slotConfig(): Promise<SlotConfig> {
      if (slotConfigCache) return slotConfigCache;
      if (provider.kind === 'blockfrost') {
        const known = SLOT_CONFIG_NETWORK[networkId === 1 ? 'mainnet' : 'preprod'];
        slotConfigCache = { zeroTime: known.zeroTime, zeroSlot: known.zeroSlot, slotLength: known.slotLength };
        return slotConfigCache;
      }
      const genesis = await orFault('genesis', () => api.genesis());
      slotConfigCache = { zeroTime: genesis.system_start * 1000, zeroSlot: 0, slotLength: genesis.slot_length * 1000 };
      return slotConfigCache;
    },

    async protocolParams(): Promise<ProtocolParams> {
      if (paramsCache && Date.now() - paramsCache.fetchedAt < 60_000) return paramsCache.params;
      const data = await orFault('protocol parameters', () => api.epochsLatestParameters());
      const params = castProtocol({
        coinsPerUtxoSize: data.coins_per_utxo_size ?? data.coins_per_utxo_word,
        collateralPercent: data.collateral_percent,
        decentralisation: data.decentralisation_param,
        epoch: data.epoch,
        keyDeposit: data.key_deposit,
        maxBlockExMem: data.max_block_ex_mem,
        maxBlockExSteps: data.max_block_ex_steps,
        maxBlockHeaderSize: data.max_block_header_size,
        maxBlockSize: data.max_block_size,
        maxCollateralInputs: data.max_collateral_inputs,
        maxTxExMem: data.max_tx_ex_mem,
        maxTxExSteps: data.max_tx_ex_steps,
        maxTxSize: data.max_tx_size,
        maxValSize: data.max_val_size,
        minFeeA: data.min_fee_a,
        minFeeB: data.min_fee_b,
        minPoolCost: data.min_pool_cost,
        poolDeposit: data.pool_deposit,
        priceMem: data.price_mem,
        priceStep: data.price_step,
        minFeeRefScriptCostPerByte: data.min_fee_ref_script_cost_per_byte,
      });
      paramsCache = { epoch: data.epoch, params, fetchedAt: Date.now() };
      return params;
    },

    async utxos(address) {
      // One page at a time: blockfrost-js's default fetches ten pages at once, ten requests for a wallet with two UTxOs.
      const all = await orEmpty('address utxos', () => api.addressesUtxosAll(address, { batchSize: 1 }));
      return all.map(toMeshUtxo);
    },

    async utxoPage(address, page) {
      const rows = await orEmpty('address utxos', () => api.addressesUtxos(address, page));
      return rows.map(toUtxoView);
    },

    async addressTransactions(address, fromHeight, page, count): Promise<AddressTransaction[]> {
      const rows = await orEmpty('address transactions', () =>
        api.addressesTransactions(address, { page, count: Math.min(count, PAGE), order: 'asc' }, { from: String(fromHeight) }),
      );
      return rows.map((row) => ({ txHash: row.tx_hash, blockHeight: row.block_height, txIndex: row.tx_index, blockTime: BigInt(row.block_time) * 1000n }));
    },

    async txCbor(hash) {
      const row = await orNull('transaction cbor', () => api.txsCbor(hash));
      return row?.cbor ?? null;
    },

    async txBlock(hash) {
      const tx = await orNull('transaction', () => api.txs(hash));
      return tx ? { blockHeight: tx.block_height, blockTime: BigInt(tx.block_time) * 1000n } : null;
    },

    async txUtxos(hash) {
      const utxos = await orNull('transaction utxos', () => api.txsUtxos(hash));
      if (!utxos) return null;
      return {
        inputs: utxos.inputs.filter((input) => !input.collateral && !input.reference).map(toMeshUtxo),
        outputs: utxos.outputs.filter((output) => !output.collateral).map((output) => toMeshUtxo({ ...output, tx_hash: hash })),
      };
    },

    async asset(unit): Promise<AssetView | null> {
      const asset = await orNull('asset', () => api.assetsById(unit));
      if (!asset) return null;
      return {
        unit: asset.asset,
        policyId: asset.policy_id,
        assetName: asset.asset_name ?? '',
        quantity: BigInt(asset.quantity),
        initialMintTxHash: asset.initial_mint_tx_hash,
        onchainMetadata: asset.onchain_metadata,
      };
    },

    async assetHolders(unit) {
      const rows = await orEmpty('asset addresses', () => api.assetsAddresses(unit));
      return rows.map((row) => ({ address: row.address, quantity: BigInt(row.quantity) }));
    },

    async submit(txCbor) {
      try {
        return await withBackoff(bucket, READ_BACKOFF, failureOf, isRefusedBeforeProcessing, () => api.txSubmit(txCbor));
      } catch (error) {
        if (error instanceof BlockfrostServerError && error.status_code === 400) {
          throw new TxRejectedError(`transaction rejected: ${error.message}`, 400);
        }
        fault(error, 'submit');
      }
    },
  };
}
