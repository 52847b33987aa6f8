/**
 * Data-level building blocks for the escrow validator and the registry policy.
 *
 * The script context is read as raw Plutus data (constructor index + field list) instead of
 * plu-ts' typed structs: typed field access re-walks the field list for every field and
 * converts values back and forth, which costs several times more memory per escrow input.
 * Hoisted terms are compiled once per script and called where needed.
 */
import {
  bool,
  data,
  int,
  lam,
  list,
  pBool,
  pData,
  pair,
  peqData,
  perror,
  pfn,
  pfstPair,
  phoist,
  pif,
  pisEmpty,
  plet,
  pnilPairData,
  pnot,
  precursive,
  psndPair,
  pstruct,
  punIData,
  punMapData as punMapDataMistyped,
  punsafeConvertType,
  DataB,
  DataConstr,
  type PData,
  type PList,
  type PPair,
  type TermFn,
  type PType,
  type Term,
  type TermList,
} from '@harmoniclabs/plu-ts';

/** plu-ts 0.9 declares unMapData with two arguments; the builtin takes one. */
export const punMapData = punMapDataMistyped as unknown as TermFn<[PData], PList<PPair<PData, PData>>>;

const AnyConstr = pstruct({ AnyConstr: {} });

/** A constructor value seen through plu-ts' raw accessors: `.raw.index` and `.raw.fields`. */
export const pconstr = (d: Term<PData>) => punsafeConvertType(d, AnyConstr.type);

/** The fields of a constructor value. */
export const pfields = (d: Term<PData>): TermList<PData> => pconstr(d).raw.fields;

/** A nullary constructor as a data constant (e.g. `Nothing` is `pconstant(1)`). */
export const pconstant = (index: number): Term<PData> => pData(new DataConstr(index, []));

/** The empty byte string as data. */
export const pemptyBytes: Term<PData> = pData(new DataB(''));

/**
 * Binds `list`, `tail list`, …, up to `count` cursors, so that field k is `cursors[k].head`
 * and no tail is computed twice.
 */
export function withCursors<R extends PType>(
  fields: TermList<PData>,
  count: number,
  body: (cursors: TermList<PData>[]) => Term<R>,
): Term<R> {
  const step = (cursor: TermList<PData>, seen: TermList<PData>[]): Term<R> =>
    seen.length === count
      ? body(seen)
      : plet(cursor.tail).in((next) => step(next as TermList<PData>, [...seen, next as TermList<PData>]));
  return plet(fields).in((first) => step(first as TermList<PData>, [first as TermList<PData>]));
}

/** The list without its first `n` elements. */
export const pdrop = phoist(
  precursive(
    pfn([lam(list(data), lam(int, list(data))), list(data), int], list(data))((self, elems, n) =>
      pif(list(data))
        .$(n.eq(0))
        .then(elems)
        .else(self.$(elems.tail).$(n.sub(1))),
    ),
  ),
);

/** POSIX time of a finite interval bound; an infinite bound fails the script. */
export const pfiniteTime = phoist(
  pfn([data], int)((bound) =>
    plet(pconstr(pfields(bound).head)).in((extended) =>
      pif(int)
        .$(extended.raw.index.eq(1))
        .then(punIData.$(extended.raw.fields.head))
        .else(perror(int)),
    ),
  ),
);

/** The payment key hash (as data) of an address; a script payment credential fails the script. */
export const ppaymentKeyHash = phoist(
  pfn([data], data)((address) =>
    plet(pconstr(pfields(address).head)).in((credential) =>
      pif(data)
        .$(credential.raw.index.eq(0))
        .then(credential.raw.fields.head)
        .else(perror(data)),
    ),
  ),
);

/** `elem` is one of `elems` (compared as data). */
export const pincludesData = phoist(
  precursive(
    pfn([lam(data, lam(list(data), bool)), data, list(data)], bool)((self, elem, elems) =>
      pif(bool)
        .$(pisEmpty.$(elems))
        .then(pBool(false))
        .else(peqData.$(elems.head).$(elem).or(self.$(elem).$(elems.tail))),
    ),
  ),
);

/** How many distinct keys of `keys` are among `signatories` (a key listed twice counts once). */
export const pcountDistinctSigners = phoist(
  precursive(
    pfn([lam(list(data), lam(list(data), int)), list(data), list(data)], int)((self, signatories, keys) =>
      pif(int)
        .$(pisEmpty.$(keys))
        .then(0)
        .else(
          plet(keys.head).in((key) =>
            pif(int)
              .$(pincludesData.$(key).$(signatories).and(pnot.$(pincludesData.$(key).$(keys.tail))))
              .then(1)
              .else(0)
              .add(self.$(signatories).$(keys.tail)),
          ),
        ),
    ),
  ),
);

/** How many of the first `n` inputs (TxInInfo data) sit at `address`. */
export const pcountInputsAt = phoist(
  precursive(
    pfn([lam(data, lam(list(data), lam(int, lam(int, int)))), data, list(data), int, int], int)(
      (self, address, inputs, n, acc) =>
        pif(int)
          .$(n.eq(0))
          .then(acc)
          .else(
            self
              .$(address)
              .$(inputs.tail)
              .$(n.sub(1))
              .$(
                pif(int)
                  .$(peqData.$(pfields(pfields(inputs.head).tail.head).head).$(address))
                  .then(acc.add(1))
                  .else(acc),
              ),
        ),
    ),
  ),
);

/** The fields of the output of rank `rank` (0-based) among the outputs at `address`; fails if none. */
export const pnthOutputAt = phoist(
  precursive(
    pfn([lam(data, lam(list(data), lam(int, list(data)))), data, list(data), int], list(data))(
      (self, address, outputs, rank) =>
        plet(pfields(outputs.head)).in((out) =>
          pif(list(data))
            .$(peqData.$(out.head).$(address))
            .then(
              pif(list(data))
                .$(rank.eq(0))
                .then(out)
                .else(self.$(address).$(outputs.tail).$(rank.sub(1))),
            )
            .else(self.$(address).$(outputs.tail).$(rank)),
        ),
    ),
  ),
);

const assetList = list(pair(data, data));

/** The token map of `policy` in a value map, or an empty list. */
export const ptokensOf = phoist(
  precursive(
    pfn([lam(data, lam(assetList, assetList)), data, assetList], assetList)((self, policy, entries) =>
      pif(assetList)
        .$(pisEmpty.$(entries))
        .then(pnilPairData)
        .else(
          plet(entries.head).in((entry) =>
            pif(assetList)
              .$(peqData.$(pfstPair(data, data).$(entry)).$(policy))
              .then(punMapData.$(psndPair(data, data).$(entry)))
              .else(self.$(policy).$(entries.tail)),
          ),
        ),
    ),
  ),
);

/** The quantity of `name` in a token map, or 0. */
const pamountOf = phoist(
  precursive(
    pfn([lam(data, lam(assetList, int)), data, assetList], int)((self, name, tokens) =>
      pif(int)
        .$(pisEmpty.$(tokens))
        .then(0)
        .else(
          plet(tokens.head).in((token) =>
            pif(int)
              .$(peqData.$(pfstPair(data, data).$(token)).$(name))
              .then(punIData.$(psndPair(data, data).$(token)))
              .else(self.$(name).$(tokens.tail)),
          ),
        ),
    ),
  ),
);

/** Every token of a token map is held by `held` with at least floor(q × num / den). */
const ptokensCovered = phoist(
  precursive(
    pfn([lam(assetList, lam(int, lam(int, lam(assetList, bool)))), assetList, int, int, assetList], bool)(
      (self, held, numerator, denominator, tokens) =>
        pif(bool)
          .$(pisEmpty.$(tokens))
          .then(pBool(true))
          .else(
            plet(tokens.head).in((token) =>
              pamountOf
                .$(pfstPair(data, data).$(token))
                .$(held)
                .gtEq(punIData.$(psndPair(data, data).$(token)).mult(numerator).div(denominator))
                .and(self.$(held).$(numerator).$(denominator).$(tokens.tail)),
            ),
          ),
    ),
  ),
);

/** Every asset q of the value map `entries` is held by the value `actual` with at least floor(q × num / den). */
const pvalueCoveredScaled = phoist(
  precursive(
    pfn([lam(assetList, lam(int, lam(int, lam(assetList, bool)))), assetList, int, int, assetList], bool)(
      (self, actual, numerator, denominator, entries) =>
        pif(bool)
          .$(pisEmpty.$(entries))
          .then(pBool(true))
          .else(
            plet(entries.head).in((entry) =>
              ptokensCovered
                .$(ptokensOf.$(pfstPair(data, data).$(entry)).$(actual))
                .$(numerator)
                .$(denominator)
                .$(punMapData.$(psndPair(data, data).$(entry)))
                .and(self.$(actual).$(numerator).$(denominator).$(entries.tail)),
            ),
          ),
    ),
  ),
);

/** The value `actual` holds at least every asset of `required` (both raw value data). */
export const pvalueCovers = phoist(
  pfn([data, data], bool)((actual, required) =>
    peqData
      .$(actual)
      .$(required)
      .or(pvalueCoveredScaled.$(punMapData.$(actual)).$(1).$(1).$(punMapData.$(required))),
  ),
);

/** The value `actual` holds at least floor(q × permille / 1000) of every asset q of `base`. */
export const pvalueCoversFee = phoist(
  pfn([data, data, int], bool)((actual, base, permille) =>
    pvalueCoveredScaled.$(punMapData.$(actual)).$(permille).$(1000).$(punMapData.$(base)),
  ),
);

/** The lovelace of a raw value. */
export const plovelaceOf = phoist(
  pfn([data], int)((value) => pamountOf.$(pemptyBytes).$(ptokensOf.$(pemptyBytes).$(punMapData.$(value)))),
);
