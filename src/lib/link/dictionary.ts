/**
 * Preset dictionary 1 for link payloads: text most programs and reports contain (activity ids
 * as of its making, therapy and everyday words), least common first so the commonest sit
 * nearest and cost the fewest bits. FROZEN: links made with it must decode forever. A changed
 * dictionary is a new one, with a new number (a test pins this one's checksum).
 */
export const DICTIONARY_1 =
	'animal-walk-parade back-teeth-chomping balloon-keep-it-up barefoot-texture-path ' +
	'bath-body-wash-game bath-texture-play bead-threading beat-the-timer-tidy-up ' +
	'bedtime-wind-down-routine big-ball-roll-and-catch big-button-board bike-or-scooter-ride ' +
	'blanket-hot-dog-roll block-tower-copy board-game-good-sport box-tunnel-crawl ' +
	'bubble-breathing bubble-pop-tracking build-it-step-by-step calm-down-bottle ' +
	'calm-start-family-meal car-ride-calm-kit chalk-shape-copy chunky-crayon-scribbles ' +
	'clothespin-sun coat-off-and-hang-up colander-poke-and-pull copy-my-face cozy-calm-corner ' +
	'cuddle-and-name-the-feeling cut-out-shapes dance-freeze-game dinner-mood-check-in ' +
	'dinner-question-cards dough-squish-and-roll dressing-picture-chart easel-line-imitation ' +
	'family-charades feelings-and-gratitude-journal feelings-face-cards feelings-thermometer ' +
	'finger-knitting finger-puppet-songs first-then-board flower-and-candle-breathing ' +
	'food-explorer-ladder give-and-take-game grid-drawing-copy grocery-carry-crew ' +
	'grocery-new-food-pick handwashing-song heavy-work-reset-menu hide-and-find-toy ' +
	'homework-launch-pad hopscotch-tape-grid jump-rope-challenge listening-walk ' +
	'little-jug-pouring living-room-obstacle-course make-your-bed memory-match-cards ' +
	'morning-picture-checklist movement-break-plan nail-care-routine nuts-and-bolts-match ' +
	'oat-scoop-bin open-and-close-containers open-cup-sipping outing-packing-list ' +
	'pack-your-own-lunch pack-your-school-bag paper-folding-planes paper-tower-team-challenge ' +
	'park-swing-rhythm peek-a-boo-faces personal-calm-toolkit picture-clue-treasure-hunt ' +
	'piggy-bank-coins pillow-crash-pad plan-a-get-together plan-a-small-project ' +
	'playdough-letter-snakes pretend-tea-party push-the-toy-box putting-on-socks ' +
	'putty-treasure-hunt ready-set-wait-go recipe-card-snack red-light-green-light rice-dig-bin ' +
	'rock-and-sing-to-calm rubber-band-shape-board running-stitch-sewing salt-tray-tracing ' +
	'scarf-pull-box shape-posting-box shopping-list-writing shower-checklist ' +
	'snack-plate-knife-skills snip-paper-strips sock-puppet-chat socks-and-shoes-off ' +
	'sofa-cruising-reach soft-finger-food-pickup sort-and-fold-laundry spoon-self-feeding ' +
	'spot-the-difference spray-bottle-plant-care squeeze-and-let-go stair-climbing-practice ' +
	'sticker-peel-and-stick stop-breathe-choose straw-sipping-practice ' +
	'strong-start-tooth-brushing superhero-core-holds take-turns-tower tangram-picture-copy ' +
	'tape-line-balance-walk tasting-passport team-scavenger-hunt texture-mystery-bag ' +
	'tiny-food-changes tong-transfer-ice-tray torn-paper-collage touch-typing-practice ' +
	'towel-tug-of-war toy-car-road-tracks toy-sort-clean-up tummy-time-texture-mat ' +
	'two-color-shoe-tying two-minute-tooth-brushing veggie-wash-helper wall-push-ups ' +
	'weekly-planner-check-in what-comes-next-cards wheelbarrow-walk worry-box yoga-balance-flow ' +
	'yogurt-tray-painting zip-it-up therapy putty beads lace thread scissors crayon pencil ' +
	'marker chalk paper tape playdough dough tweezers tongs clothespins stickers buttons zipper ' +
	'socks shoes coat jacket shirt spoon fork cup straw bowl plate napkin towel pillow blanket ' +
	'cushion ball balloon bubbles bean bag timer sand salt tray mirror puppet cards dice blocks ' +
	'tower puzzle chart checklist picture schedule planner calendar fine motor gross sensory ' +
	'self-care handwriting visual executive function emotional regulation social play feeding ' +
	'pinch grasp grip thumb pointer finger fingers hand hands wrist arm arms shoulder core ' +
	'balance posture sitting standing crawl walk jump hop skip climb push pull carry squeeze ' +
	'roll stretch reach twist breathe breathing breath calm calming regulate feelings feeling ' +
	'upset angry worried frustrated tired excited happy sad dressing undressing buttoning ' +
	'zipping tying laces brushing teeth washing bath bathtime toothbrush toilet chewing biting ' +
	'swallowing sipping drinking tasting textures foods snack lunch dinner breakfast minutes ' +
	'minute seconds reps sets times each every daily week weekly day days once twice morning ' +
	'afternoon evening bedtime weekend school homework practice practise session activity ' +
	'activities exercise exercises game games turn turns therapist clinic progress goal goals ' +
	'review next visit appointment easier harder help helper support independently independent ' +
	'own alone together slowly gently carefully the be to of and a in that have I it for not on ' +
	'with he as you do at this but his by from they we say her she or an will my one all would ' +
	'there their what so up out if about who get which go me when make can like time no just ' +
	'him know take people into year your good some could them see other than then now look only ' +
	'come its over think also back after use two how our work first well way even new want ' +
	"because any these give most us is are was were been has had did does doing done don't " +
	"can't won't it's let's she's he's I'm you're we're they're very really quite little bit " +
	'more less much many few lot lots always never often sometimes usually try tries tried keep ' +
	"keeps stop stops start starts finish again still already child child's children kid kids " +
	'son daughter parent parents mum mom dad family brother sister baby toddler please note ' +
	'tell ask show watch praise fun playful easy hard short long big small slow fast before ' +
	'during while until between under top end ' +
	'Keep it fun and stop while your child still enjoys it. If your child gets tired, take a ' +
	'short break, then try again. Tell me at our next visit how it went. Your child ';
