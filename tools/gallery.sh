#!/usr/bin/env bash
# Renders a chosen set of corpus files (and the built-in phantom) into target/gallery/ with an
# index.html to look at: windows, presets, MONOCHROME1, colour, palettes, overlays, cine.
# Nothing here is committed.
#
#   tools/gallery.sh [CORPUS]          (default ../shared/corpus; CLI: ./hounsfield or $HOUNSFIELD)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="$(cd "${1:-$root/../shared/corpus}" && pwd)"
hf="${HOUNSFIELD:-$root/hounsfield}"
out="$root/target/gallery"
rm -rf "$out"
mkdir -p "$out"

# path | render options | caption
entries=(
  "@phantom|                        |Built-in head phantom (hounsfield demo), its own first window: BRAIN 40/80"
  "@phantom|--voi 1                 |The same slice, the file's second window: BONE 400/1800"
  "@phantom|--preset subdural       |The same slice, preset subdural"
  "transfer-syntax/explicit-vr-le/CT1_UNC.explicit_little_endian.dcm|--preset abdomen|CT 512x512, preset abdomen (C 50, W 400)"
  "transfer-syntax/explicit-vr-le/CT1_UNC.explicit_little_endian.dcm|--preset lung|The same CT, preset lung (C -600, W 1500)"
  "transfer-syntax/explicit-vr-le/CT1_UNC.explicit_little_endian.dcm|--preset bone|The same CT, preset bone (C 400, W 1800)"
  "transfer-syntax/explicit-vr-le/CT1_UNC.explicit_little_endian.dcm|--auto percentile|The same CT, automatic window (1st-99th percentile)"
  "transfer-syntax/jpeg2000/explicit_VR-UN.dcm|--preset soft-tissue|TCIA Pancreas-CT, JPEG 2000 lossless, signed, soft tissue"
  "transfer-syntax/jpeg2000/ELSCINT1_JP2vsJ2K.dcm||CT, JPEG 2000 with a JP2 wrapper, its own window"
  "display/mlut_18.dcm||Modality LUT Sequence, min-max window"
  "display/vlut_04.dcm||VOI LUT Sequence"
  "display/MR-SIEMENS-DICOM-WithOverlays.dcm|--overlays|MR with a graphic overlay (60xx,3000), drawn on request"
  "photometric/dx_image.dcm||DX, MONOCHROME1 with Presentation LUT Shape INVERSE"
  "transfer-syntax/explicit-vr-le/3.dcm||MR, fractional Rescale Slope, VOI LUT Function LINEAR"
  "photometric/color-px.dcm||RGB, interleaved"
  "photometric/SC_ybr_full_422_uncompressed.dcm||YBR_FULL_422 uncompressed (2 bytes a pixel), to RGB"
  "transfer-syntax/jpeg-baseline/SC_rgb_dcmtk_+eb+cy+s4.dcm||JPEG baseline YBR_FULL 4:4:4, to RGB"
  "transfer-syntax/jpeg2000/US1_J2KR.dcm||Ultrasound, JPEG 2000 lossless with the reversible colour transform (YBR_RCT)"
  "photometric/OT-PAL-8-face.dcm||PALETTE COLOR, 16-bit entries"
  "photometric/gdcm-US-ALOKA-16.dcm||PALETTE COLOR, segmented 16-bit palette, 16-bit stored values"
  "modality/seg/seg_image_sm_control_labelmap_palette_color.dcm|--sheet|Label map SEG with a palette, every frame on a contact sheet"
  "multiframe/emri_small.dcm|--sheet|Enhanced MR, 10 frames, per-frame windows, contact sheet"
  "multiframe/cine-test.dcm|--gif|Cine, animated GIF (frame time from the file)"
  "modality/rt/rtdose.dcm|--sheet --auto percentile --size 160x160|RT Dose, 15 frames, percentile window"
  "modality/pm/parametric_map_float.dcm|--auto percentile|Parametric map, Float Pixel Data"
)

phantom_dir="$out/phantom"
"$hf" demo --out "$phantom_dir" --size 256 >/dev/null

{
  echo '<!doctype html><html><head><meta charset="utf-8"><title>Hounsfield rendering gallery</title>'
  echo '<style>body{font-family:sans-serif;background:#222;color:#ddd;margin:2em}figure{display:inline-block;vertical-align:top;margin:0 1.5em 2em 0;max-width:420px}'
  echo 'img{max-width:400px;max-height:400px;background:#000;image-rendering:pixelated}figcaption{font-size:13px;margin-top:.4em}code{color:#9cf;font-size:12px;word-break:break-all}</style></head><body>'
  echo "<h1>Hounsfield rendering gallery</h1><p>Made by <code>tools/gallery.sh</code> on $(date -u +%Y-%m-%d) from <code>$corpus</code>.</p>"
} >"$out/index.html"

n=0
ok=0
for e in "${entries[@]}"; do
  IFS='|' read -r path opts caption <<<"$e"
  opts="$(echo "$opts" | xargs)"
  n=$((n + 1))
  if [ "$path" = "@phantom" ]; then
    src="$phantom_dir/ct-phantom.dcm"
    label="built-in phantom"
  else
    src="$corpus/$path"
    label="$path"
  fi
  ext=png
  case " $opts " in *" --gif "*) ext=gif ;; esac
  name=$(printf "%02d.%s" "$n" "$ext")
  # shellcheck disable=SC2086
  if line=$("$hf" render "$src" $opts -o "$out/$name" 2>&1); then
    ok=$((ok + 1))
    how="${line#*  }"
    [ "$how" = "$line" ] && how=""
    printf '<figure><img src="%s" alt="%s"><figcaption>%s<br><code>%s</code><br><code>render %s</code><br>%s</figcaption></figure>\n' \
      "$name" "$label" "$caption" "$label" "$opts" "$how" >>"$out/index.html"
  else
    printf '<figure><figcaption><b>failed</b>: %s<br><code>%s</code><br>%s</figcaption></figure>\n' "$caption" "$label" "$line" >>"$out/index.html"
    echo "gallery: $label: $line" >&2
  fi
done
echo '</body></html>' >>"$out/index.html"
echo "gallery: $ok/$n pictures in $out/index.html"
