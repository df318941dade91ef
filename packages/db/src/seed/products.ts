/** One product of the seed catalog. `price` is an exact decimal string with two places. */
export interface SeedProduct {
  /** Unique stock keeping unit: 3-letter category prefix and 4 digits, e.g. 'KIT-0001'. */
  readonly sku: string;
  /** Display name, 1..255 characters, unique across the catalog. */
  readonly name: string;
  /** Plain-text shop copy, 1-3 sentences. */
  readonly description: string;
  /** Exact decimal string with two places, e.g. '19.99'. */
  readonly price: string;
  /** One of SEED_CATEGORIES. */
  readonly category: string;
  /** Integer 0..500; 0 means sold out. */
  readonly stock_quantity: number;
  /** Root-relative path '/images/products/<lowercased sku>.svg'. */
  readonly image_url: string;
  /** false for discontinued items. */
  readonly is_active: boolean;
}

export const SEED_CATEGORIES = [
  'Kitchen',
  'Coffee & Tea',
  'Home Decor',
  'Garden',
  'Outdoor',
  'Stationery',
  'Toys & Games',
  'Bath & Body',
] as const;

export const seedProducts: readonly SeedProduct[] = [
  // Kitchen
  {
    sku: 'KIT-0001',
    name: 'Crème Brûlée Torch',
    description:
      'Refillable butane kitchen torch with an adjustable flame and a safety lock. Caramelises ' +
      'sugar toppings in seconds and is just as handy for searing and roasting peppers.',
    price: '34.99',
    category: 'Kitchen',
    stock_quantity: 48,
    image_url: '/images/products/kit-0001.svg',
    is_active: true,
  },
  {
    sku: 'KIT-0002',
    name: 'Stainless Steel Mixing Bowls (Set of 3)',
    description:
      'Nesting stainless steel bowls in 1, 3 and 5 litre sizes with non-slip silicone bases. ' +
      'Dishwasher safe and ideal for baking, marinating and serving.',
    price: '29.99',
    category: 'Kitchen',
    stock_quantity: 120,
    image_url: '/images/products/kit-0002.svg',
    is_active: true,
  },
  {
    sku: 'KIT-0003',
    name: 'Cast Iron Skillet 26 cm',
    description:
      'Pre-seasoned cast iron pan that holds heat evenly for searing, frying and baking. Works ' +
      'on gas, induction and open fire, and gets better with every use.',
    price: '44.95',
    category: 'Kitchen',
    stock_quantity: 65,
    image_url: '/images/products/kit-0003.svg',
    is_active: true,
  },
  {
    sku: 'KIT-0004',
    name: 'Bamboo Cutting Board',
    description:
      'Sturdy cutting board made from sustainably harvested bamboo with a juice groove on one ' +
      'side. Gentle on knife edges and easy to oil and maintain.',
    price: '24.99',
    category: 'Kitchen',
    stock_quantity: 0,
    image_url: '/images/products/kit-0004.svg',
    is_active: true,
  },
  {
    sku: 'KIT-0005',
    name: "Chef's Knife 20 cm",
    description:
      "Forged chef's knife with a full tang and a comfortable pakka wood handle. The hand-honed " +
      'German steel blade makes light work of slicing, dicing and chopping.',
    price: '89.00',
    category: 'Kitchen',
    stock_quantity: 32,
    image_url: '/images/products/kit-0005.svg',
    is_active: true,
  },
  {
    sku: 'KIT-0006',
    name: 'Silicone Spatula Set',
    description:
      'Three heat-resistant spatulas in different sizes with seamless one-piece construction. ' +
      'Safe for non-stick cookware at temperatures up to 260 degrees Celsius.',
    price: '12.99',
    category: 'Kitchen',
    stock_quantity: 210,
    image_url: '/images/products/kit-0006.svg',
    is_active: true,
  },
  {
    sku: 'KIT-0007',
    name: 'Enamelled Dutch Oven 5 L',
    description:
      'Heavy enamelled cast iron casserole with a tight-fitting lid for slow braises, hearty ' +
      'stews and crusty homemade bread. Oven safe up to 250 degrees.',
    price: '149.00',
    category: 'Kitchen',
    stock_quantity: 18,
    image_url: '/images/products/kit-0007.svg',
    is_active: true,
  },
  {
    sku: 'KIT-0008',
    name: 'Digital Kitchen Scale',
    description:
      'Slim digital scale that weighs up to 5 kg in 1 g steps, with a tare button and auto ' +
      'shut-off. Switches easily between grams, ounces and millilitres.',
    price: '19.99',
    category: 'Kitchen',
    stock_quantity: 145,
    image_url: '/images/products/kit-0008.svg',
    is_active: true,
  },
  {
    sku: 'KIT-0009',
    name: 'Olive Wood Salad Servers',
    description:
      'A pair of hand-carved olive wood servers with a rich natural grain. Every set is unique ' +
      'and finished with food-safe mineral oil.',
    price: '19.99',
    category: 'Kitchen',
    stock_quantity: 76,
    image_url: '/images/products/kit-0009.svg',
    is_active: true,
  },
  {
    sku: 'KIT-0010',
    name: 'Ceramic Pie Dish',
    description:
      'Fluted ceramic pie dish with a glossy glaze that goes straight from oven to table. Bakes ' +
      'evenly for golden crusts on sweet and savoury pies.',
    price: '27.50',
    category: 'Kitchen',
    stock_quantity: 54,
    image_url: '/images/products/kit-0010.svg',
    is_active: true,
  },
  {
    sku: 'KIT-0011',
    name: 'Heavy-Duty Garlic Press',
    description:
      'Crushes unpeeled cloves with minimal effort thanks to a long lever handle. The removable ' +
      'basket makes cleaning quick and simple.',
    price: '14.95',
    category: 'Kitchen',
    stock_quantity: 0,
    image_url: '/images/products/kit-0011.svg',
    is_active: true,
  },
  {
    sku: 'KIT-0012',
    name: 'Tilt-Head Stand Mixer 5 L',
    description:
      'Powerful 1000 W stand mixer with a die-cast metal body, a 5 L brushed steel bowl and ten ' +
      'speeds. Comes with a dough hook, flat beater and balloon whisk.',
    price: '649.00',
    category: 'Kitchen',
    stock_quantity: 7,
    image_url: '/images/products/kit-0012.svg',
    is_active: true,
  },
  {
    sku: 'KIT-0013',
    name: 'Pasta Maker Machine',
    description:
      'Hand-crank pasta machine with nine thickness settings and cutters for fettuccine and ' +
      'tagliatelle. Clamps securely to most worktops.',
    price: '64.99',
    category: 'Kitchen',
    stock_quantity: 22,
    image_url: '/images/products/kit-0013.svg',
    is_active: false,
  },
  // Coffee & Tea
  {
    sku: 'COF-0001',
    name: 'Café Espresso Cups (Set of 4)',
    description:
      'Thick-walled porcelain cups that keep your espresso hot to the last sip. Comes with ' +
      'matching saucers in a soft cream glaze.',
    price: '32.00',
    category: 'Coffee & Tea',
    stock_quantity: 60,
    image_url: '/images/products/cof-0001.svg',
    is_active: true,
  },
  {
    sku: 'COF-0002',
    name: 'Stovetop Espresso Maker 6-Cup',
    description:
      'Classic aluminium moka pot that brews rich, full-bodied coffee on gas or electric hobs. ' +
      'Makes six small cups in about five minutes.',
    price: '39.95',
    category: 'Coffee & Tea',
    stock_quantity: 85,
    image_url: '/images/products/cof-0002.svg',
    is_active: true,
  },
  {
    sku: 'COF-0003',
    name: 'Pour-Over Coffee Dripper',
    description:
      'Ceramic cone dripper with spiral ribs for an even extraction and a clean, bright cup. ' +
      'Fits standard size 02 paper filters.',
    price: '22.50',
    category: 'Coffee & Tea',
    stock_quantity: 110,
    image_url: '/images/products/cof-0003.svg',
    is_active: true,
  },
  {
    sku: 'COF-0004',
    name: 'Conical Burr Coffee Grinder',
    description:
      'Electric conical burr grinder with 40 settings, from fine espresso to coarse French ' +
      'press. Delivers a consistent grind with very little mess or noise.',
    price: '129.00',
    category: 'Coffee & Tea',
    stock_quantity: 27,
    image_url: '/images/products/cof-0004.svg',
    is_active: true,
  },
  {
    sku: 'COF-0005',
    name: 'Organic Ethiopian Coffee Beans 500 g',
    description:
      'Single-origin organic beans from the Yirgacheffe region, roasted medium-light. Expect ' +
      'notes of jasmine, bergamot and ripe stone fruit.',
    price: '16.95',
    category: 'Coffee & Tea',
    stock_quantity: 240,
    image_url: '/images/products/cof-0005.svg',
    is_active: true,
  },
  {
    sku: 'COF-0006',
    name: 'Organic Earl Grey Loose Leaf Tea',
    description:
      'Black tea blended with natural oil of bergamot and cornflower petals. Certified organic ' +
      'and packed in a resealable 100 g tin.',
    price: '9.95',
    category: 'Coffee & Tea',
    stock_quantity: 300,
    image_url: '/images/products/cof-0006.svg',
    is_active: true,
  },
  {
    sku: 'COF-0007',
    name: 'Japanese Sencha Green Tea',
    description:
      'Steamed green tea from Shizuoka with a grassy, slightly sweet flavour. Brew at 70 ' +
      'degrees for two minutes for the best result.',
    price: '12.50',
    category: 'Coffee & Tea',
    stock_quantity: 0,
    image_url: '/images/products/cof-0007.svg',
    is_active: true,
  },
  {
    sku: 'COF-0008',
    name: 'Cast Iron Teapot 0.8 L',
    description:
      'Traditional tetsubin-style teapot with an enamelled interior and a removable infuser ' +
      'basket. Keeps tea warm long after brewing.',
    price: '49.99',
    category: 'Coffee & Tea',
    stock_quantity: 38,
    image_url: '/images/products/cof-0008.svg',
    is_active: true,
  },
  {
    sku: 'COF-0009',
    name: 'Insulated Stainless Steel Travel Mug',
    description:
      'Double-walled stainless steel mug that keeps drinks hot for six hours or cold for ' +
      'twelve. The leak-proof lid fits most car cup holders.',
    price: '24.95',
    category: 'Coffee & Tea',
    stock_quantity: 150,
    image_url: '/images/products/cof-0009.svg',
    is_active: true,
  },
  {
    sku: 'COF-0010',
    name: 'Glass French Press 1 L',
    description:
      'Borosilicate glass carafe with a four-level filter for smooth, sediment-free coffee. The ' +
      'heat-resistant handle stays cool to the touch.',
    price: '34.99',
    category: 'Coffee & Tea',
    stock_quantity: 72,
    image_url: '/images/products/cof-0010.svg',
    is_active: true,
  },
  {
    sku: 'COF-0011',
    name: 'Milk Frother Wand',
    description:
      'Battery-powered whisk that turns warm milk into silky foam in about twenty seconds. ' +
      'Perfect for lattes, cappuccinos and hot chocolate.',
    price: '12.50',
    category: 'Coffee & Tea',
    stock_quantity: 95,
    image_url: '/images/products/cof-0011.svg',
    is_active: true,
  },
  {
    sku: 'COF-0012',
    name: 'Chai Spice Blend 200 g',
    description:
      'A warming mix of cinnamon, cardamom, ginger, clove and black pepper. Simmer with tea and ' +
      'milk for a fragrant homemade chai latte.',
    price: '8.25',
    category: 'Coffee & Tea',
    stock_quantity: 175,
    image_url: '/images/products/cof-0012.svg',
    is_active: true,
  },
  // Home Decor
  {
    sku: 'DEC-0001',
    name: 'Linen Throw Pillow Cover',
    description:
      'Stonewashed linen cover with a hidden zip, sized for 45 x 45 cm inserts. The calm sage ' +
      'green colour suits any sofa or bed.',
    price: '22.00',
    category: 'Home Decor',
    stock_quantity: 130,
    image_url: '/images/products/dec-0001.svg',
    is_active: true,
  },
  {
    sku: 'DEC-0002',
    name: 'Handmade Ceramic Vase',
    description:
      'Wheel-thrown ceramic vase with a speckled matte glaze and a slightly irregular shape. ' +
      'Each piece is made by hand in a small studio.',
    price: '45.00',
    category: 'Home Decor',
    stock_quantity: 25,
    image_url: '/images/products/dec-0002.svg',
    is_active: true,
  },
  {
    sku: 'DEC-0003',
    name: 'Soy Wax Candle – Fig & Cedar',
    description:
      'Hand-poured soy wax candle in an amber glass jar with a cotton wick. Burns cleanly for ' +
      'around 45 hours with notes of fig, cedar and moss.',
    price: '18.50',
    category: 'Home Decor',
    stock_quantity: 200,
    image_url: '/images/products/dec-0003.svg',
    is_active: true,
  },
  {
    sku: 'DEC-0004',
    name: 'Woven Seagrass Basket',
    description:
      'Natural seagrass basket with sturdy handles for blankets, toys or laundry. Each basket ' +
      'is woven by hand and varies slightly in shape.',
    price: '34.95',
    category: 'Home Decor',
    stock_quantity: 44,
    image_url: '/images/products/dec-0004.svg',
    is_active: true,
  },
  {
    sku: 'DEC-0005',
    name: 'Round Wall Mirror 60 cm',
    description:
      'Minimalist round mirror with a thin brushed brass frame. Brightens hallways and living ' +
      'rooms and comes ready to hang.',
    price: '119.00',
    category: 'Home Decor',
    stock_quantity: 15,
    image_url: '/images/products/dec-0005.svg',
    is_active: true,
  },
  {
    sku: 'DEC-0006',
    name: 'Wool Blend Throw Blanket',
    description:
      'Soft wool blend blanket with a classic herringbone weave and fringed edges. Generously ' +
      'sized at 130 x 170 cm, perfect for cosy evenings on the sofa.',
    price: '69.99',
    category: 'Home Decor',
    stock_quantity: 0,
    image_url: '/images/products/dec-0006.svg',
    is_active: true,
  },
  {
    sku: 'DEC-0007',
    name: 'Wooden Picture Frame A4',
    description:
      'Solid oak frame with a real glass front and a white mount for A4 prints. Stands on a ' +
      'shelf or hangs on the wall in portrait or landscape.',
    price: '18.50',
    category: 'Home Decor',
    stock_quantity: 160,
    image_url: '/images/products/dec-0007.svg',
    is_active: true,
  },
  {
    sku: 'DEC-0008',
    name: 'Macramé Wall Hanging',
    description:
      'Knotted cotton wall hanging on a driftwood rod, made entirely by hand. Adds warm texture ' +
      'to bedrooms, nurseries and reading corners.',
    price: '39.00',
    category: 'Home Decor',
    stock_quantity: 28,
    image_url: '/images/products/dec-0008.svg',
    is_active: true,
  },
  {
    sku: 'DEC-0009',
    name: 'Brass Table Lamp',
    description:
      'Adjustable table lamp in solid brass with a pleated linen shade. Takes a standard E27 ' +
      'bulb and has an inline switch on the cable.',
    price: '139.00',
    category: 'Home Decor',
    stock_quantity: 12,
    image_url: '/images/products/dec-0009.svg',
    is_active: false,
  },
  {
    sku: 'DEC-0010',
    name: 'Jute Area Rug 120 x 180 cm',
    description:
      'Hand-braided jute rug with a chunky texture that brings warmth to any room. Hard-wearing ' +
      'and well suited to living areas and hallways.',
    price: '99.00',
    category: 'Home Decor',
    stock_quantity: 20,
    image_url: '/images/products/dec-0010.svg',
    is_active: true,
  },
  {
    sku: 'DEC-0011',
    name: 'Velvet Cushion',
    description:
      'Plush velvet cushion with a feather-filled insert and a piped edge. The deep mustard ' +
      'colour adds a rich accent to neutral interiors.',
    price: '29.50',
    category: 'Home Decor',
    stock_quantity: 87,
    image_url: '/images/products/dec-0011.svg',
    is_active: true,
  },
  {
    sku: 'DEC-0012',
    name: 'Reed Diffuser – Sea Salt',
    description:
      'Glass diffuser with rattan reeds that releases a fresh sea salt and driftwood scent. ' +
      'Lasts up to three months in an average room.',
    price: '21.99',
    category: 'Home Decor',
    stock_quantity: 140,
    image_url: '/images/products/dec-0012.svg',
    is_active: true,
  },
  // Garden
  {
    sku: 'GAR-0001',
    name: 'Mini Bonsai – Juniper',
    description:
      'Young juniper bonsai in a shallow glazed pot, about five years old. Thrives outdoors in ' +
      'bright light and makes a striking gift for beginners.',
    price: '38.50',
    category: 'Garden',
    stock_quantity: 22,
    image_url: '/images/products/gar-0001.svg',
    is_active: true,
  },
  {
    sku: 'GAR-0002',
    name: 'Stainless Steel Hand Trowel',
    description:
      'Rust-resistant stainless steel blade with an ash handle for planting bulbs and ' +
      'seedlings. Hang it in the shed by its leather loop.',
    price: '15.99',
    category: 'Garden',
    stock_quantity: 140,
    image_url: '/images/products/gar-0002.svg',
    is_active: true,
  },
  {
    sku: 'GAR-0003',
    name: 'Organic Tomato Seed Collection',
    description:
      'Five heirloom tomato varieties from certified organic growers, including Brandywine and ' +
      'Black Krim. Each packet sows around 20 plants.',
    price: '9.99',
    category: 'Garden',
    stock_quantity: 260,
    image_url: '/images/products/gar-0003.svg',
    is_active: true,
  },
  {
    sku: 'GAR-0004',
    name: 'Terracotta Plant Pots (Set of 3)',
    description:
      'Classic unglazed terracotta pots with drainage holes and matching saucers. The porous ' +
      'clay keeps roots healthy and well aerated.',
    price: '24.50',
    category: 'Garden',
    stock_quantity: 75,
    image_url: '/images/products/gar-0004.svg',
    is_active: true,
  },
  {
    sku: 'GAR-0005',
    name: 'Galvanised Watering Can 5 L',
    description:
      'Sturdy galvanised steel can with a long spout and a removable brass rose. Built to last ' +
      'through years of daily watering.',
    price: '32.99',
    category: 'Garden',
    stock_quantity: 0,
    image_url: '/images/products/gar-0005.svg',
    is_active: true,
  },
  {
    sku: 'GAR-0006',
    name: 'Cedar Raised Garden Bed',
    description:
      'Raised bed kit in untreated western red cedar measuring 120 x 60 cm. Assembles in ' +
      'minutes without tools and resists rot naturally.',
    price: '229.00',
    category: 'Garden',
    stock_quantity: 9,
    image_url: '/images/products/gar-0006.svg',
    is_active: true,
  },
  {
    sku: 'GAR-0007',
    name: 'Bypass Pruning Shears',
    description:
      'Precision pruners with a carbon steel blade that cuts cleanly through stems up to 20 mm ' +
      'thick. Ergonomic grips reduce hand fatigue.',
    price: '27.50',
    category: 'Garden',
    stock_quantity: 88,
    image_url: '/images/products/gar-0007.svg',
    is_active: true,
  },
  {
    sku: 'GAR-0008',
    name: 'Wooden Bird Feeder',
    description:
      'Hanging wooden bird feeder made from FSC-certified pine with a slate roof and a seed ' +
      'tray. Attracts finches, tits and sparrows all year round.',
    price: '26.99',
    category: 'Garden',
    stock_quantity: 55,
    image_url: '/images/products/gar-0008.svg',
    is_active: true,
  },
  {
    sku: 'GAR-0009',
    name: 'Nitrile Gardening Gloves',
    description:
      'Breathable gloves with a nitrile-coated palm for a good grip in wet soil. Machine ' +
      'washable and sized for a snug, comfortable fit.',
    price: '12.95',
    category: 'Garden',
    stock_quantity: 190,
    image_url: '/images/products/gar-0009.svg',
    is_active: true,
  },
  {
    sku: 'GAR-0010',
    name: 'Lavender Plant in 2 L Pot',
    description:
      'Hardy English lavender with a sweet fragrance, ready to plant in borders or containers. ' +
      'Attracts bees and butterflies all summer.',
    price: '11.50',
    category: 'Garden',
    stock_quantity: 64,
    image_url: '/images/products/gar-0010.svg',
    is_active: true,
  },
  {
    sku: 'GAR-0011',
    name: 'Compost Bin 300 L',
    description:
      'Ventilated compost bin made from recycled plastic with a hinged lid and a lower hatch. ' +
      'Turns kitchen and garden waste into rich soil.',
    price: '59.00',
    category: 'Garden',
    stock_quantity: 14,
    image_url: '/images/products/gar-0011.svg',
    is_active: true,
  },
  {
    sku: 'GAR-0012',
    name: 'Solar Garden Stake Lights (Set of 6)',
    description:
      'Warm white LED lights that charge in daylight and switch on automatically at dusk. No ' +
      'wiring needed, just push them into the soil.',
    price: '29.99',
    category: 'Garden',
    stock_quantity: 120,
    image_url: '/images/products/gar-0012.svg',
    is_active: true,
  },
  {
    sku: 'GAR-0013',
    name: 'Herb Garden Starter Kit',
    description:
      'Everything you need to grow basil, parsley and chives on a sunny windowsill, including ' +
      'pots, soil discs and seeds.',
    price: '24.50',
    category: 'Garden',
    stock_quantity: 100,
    image_url: '/images/products/gar-0013.svg',
    is_active: true,
  },
  // Outdoor
  {
    sku: 'OUT-0001',
    name: 'Insulated Stainless Steel Water Bottle 750 ml',
    description:
      'Vacuum-insulated stainless steel bottle that keeps water cold for 24 hours. The ' +
      'powder-coated finish resists scratches and sweaty hands.',
    price: '29.95',
    category: 'Outdoor',
    stock_quantity: 220,
    image_url: '/images/products/out-0001.svg',
    is_active: true,
  },
  {
    sku: 'OUT-0002',
    name: 'Two-Person Camping Tent',
    description:
      'Lightweight dome tent with a waterproof flysheet and two side entrances. Packs down ' +
      'small and pitches in under ten minutes.',
    price: '389.00',
    category: 'Outdoor',
    stock_quantity: 16,
    image_url: '/images/products/out-0002.svg',
    is_active: true,
  },
  {
    sku: 'OUT-0003',
    name: 'Down Sleeping Bag',
    description:
      'Three-season mummy sleeping bag filled with responsibly sourced duck down. Comfortable ' +
      'down to minus five degrees and packs into a compression sack.',
    price: '329.00',
    category: 'Outdoor',
    stock_quantity: 0,
    image_url: '/images/products/out-0003.svg',
    is_active: true,
  },
  {
    sku: 'OUT-0004',
    name: 'Rechargeable LED Headlamp',
    description:
      'Rechargeable headlamp with 300 lumens, a red night mode and a tilting beam. Weighs just ' +
      '80 g and charges via USB-C.',
    price: '24.99',
    category: 'Outdoor',
    stock_quantity: 175,
    image_url: '/images/products/out-0004.svg',
    is_active: true,
  },
  {
    sku: 'OUT-0005',
    name: 'Folding Camp Chair',
    description:
      'Steel-framed folding chair with a cup holder and a side pocket. Supports up to 120 kg ' +
      'and folds flat into its carry bag.',
    price: '44.99',
    category: 'Outdoor',
    stock_quantity: 62,
    image_url: '/images/products/out-0005.svg',
    is_active: true,
  },
  {
    sku: 'OUT-0006',
    name: 'Trekking Poles (Pair)',
    description:
      'Collapsible aluminium poles with cork grips and quick-lock adjustment. They reduce ' +
      'strain on the knees during long descents.',
    price: '59.95',
    category: 'Outdoor',
    stock_quantity: 40,
    image_url: '/images/products/out-0006.svg',
    is_active: true,
  },
  {
    sku: 'OUT-0007',
    name: 'Waterproof Picnic Blanket',
    description:
      'Large fleece picnic blanket with a waterproof underside and a carrying strap. Machine ' +
      'washable and big enough for four people.',
    price: '34.50',
    category: 'Outdoor',
    stock_quantity: 90,
    image_url: '/images/products/out-0007.svg',
    is_active: true,
  },
  {
    sku: 'OUT-0008',
    name: 'Hammock with Tree Straps',
    description:
      'Parachute nylon hammock that holds up to 200 kg, with two adjustable tree straps. Sets ' +
      'up in minutes between any two trees.',
    price: '49.00',
    category: 'Outdoor',
    stock_quantity: 33,
    image_url: '/images/products/out-0008.svg',
    is_active: true,
  },
  {
    sku: 'OUT-0009',
    name: 'Portable Camping Stove',
    description:
      'Compact gas stove with piezo ignition and folding pot supports. Boils a litre of water ' +
      'in under four minutes.',
    price: '39.99',
    category: 'Outdoor',
    stock_quantity: 48,
    image_url: '/images/products/out-0009.svg',
    is_active: true,
  },
  {
    sku: 'OUT-0010',
    name: 'Enamel Camping Mug',
    description:
      'Classic speckled enamel mug that handles campfires and kitchen tables alike. Holds 350 ' +
      'ml and stacks neatly in a backpack.',
    price: '9.50',
    category: 'Outdoor',
    stock_quantity: 230,
    image_url: '/images/products/out-0010.svg',
    is_active: true,
  },
  {
    sku: 'OUT-0011',
    name: 'Roll-Top Dry Bag 20 L',
    description:
      'Roll-top dry bag made from tough PVC tarpaulin that keeps your gear dry while kayaking ' +
      'or hiking. Includes a detachable shoulder strap.',
    price: '19.95',
    category: 'Outdoor',
    stock_quantity: 115,
    image_url: '/images/products/out-0011.svg',
    is_active: false,
  },
  {
    sku: 'OUT-0012',
    name: 'Binoculars 10x42',
    description:
      'Waterproof roof-prism binoculars with fully multi-coated lenses for bright, sharp views. ' +
      'Ideal for birdwatching and hiking.',
    price: '459.00',
    category: 'Outdoor',
    stock_quantity: 21,
    image_url: '/images/products/out-0012.svg',
    is_active: true,
  },
  {
    sku: 'OUT-0013',
    name: 'Folding Camp Table',
    description:
      'Lightweight aluminium roll-top table that sets up in seconds. Seats four for meals at ' +
      'the campsite and packs into a slim carry bag.',
    price: '44.99',
    category: 'Outdoor',
    stock_quantity: 27,
    image_url: '/images/products/out-0013.svg',
    is_active: true,
  },
  // Stationery
  {
    sku: 'STA-0001',
    name: 'Dotted Notebook A5',
    description:
      'Hardcover notebook with 192 pages of 100 gsm dotted paper that resists ghosting. ' +
      'Includes a ribbon marker and an elastic closure.',
    price: '14.99',
    category: 'Stationery',
    stock_quantity: 280,
    image_url: '/images/products/sta-0001.svg',
    is_active: true,
  },
  {
    sku: 'STA-0002',
    name: 'Recycled Kraft Notebook (Pack of 3)',
    description:
      'A trio of pocket-sized notebook editions with recycled kraft covers and lined pages. ' +
      'Small enough for a jacket pocket or bag.',
    price: '9.99',
    category: 'Stationery',
    stock_quantity: 0,
    image_url: '/images/products/sta-0002.svg',
    is_active: true,
  },
  {
    sku: 'STA-0003',
    name: 'Brass Fountain Pen',
    description:
      'Brass-bodied fountain pen with a fine steel nib and a converter for bottled ink. Writes ' +
      'smoothly and feels well balanced in the hand.',
    price: '34.00',
    category: 'Stationery',
    stock_quantity: 45,
    image_url: '/images/products/sta-0003.svg',
    is_active: true,
  },
  {
    sku: 'STA-0004',
    name: 'Bottled Ink – Midnight Blue',
    description:
      'Rich, fast-drying fountain pen ink in a 50 ml glass bottle. Water-based and easy to ' +
      'flush from pens.',
    price: '12.00',
    category: 'Stationery',
    stock_quantity: 70,
    image_url: '/images/products/sta-0004.svg',
    is_active: true,
  },
  {
    sku: 'STA-0005',
    name: 'Washi Tape Set (10 Rolls)',
    description:
      'Ten rolls of Japanese paper tape in muted patterns for journals, gift wrap and ' +
      'scrapbooks. Tears by hand and repositions easily.',
    price: '11.50',
    category: 'Stationery',
    stock_quantity: 150,
    image_url: '/images/products/sta-0005.svg',
    is_active: true,
  },
  {
    sku: 'STA-0006',
    name: 'Leather Desk Pad',
    description:
      'Full-grain leather desk mat that protects your work surface and softens the feel of ' +
      'writing. Develops a rich patina over time.',
    price: '49.50',
    category: 'Stationery',
    stock_quantity: 24,
    image_url: '/images/products/sta-0006.svg',
    is_active: true,
  },
  {
    sku: 'STA-0007',
    name: 'Mechanical Pencil 0.5 mm',
    description:
      'Metal-grip mechanical pencil with a retractable tip and a built-in eraser. Reliable lead ' +
      'advance for technical drawing and note-taking.',
    price: '7.75',
    category: 'Stationery',
    stock_quantity: 320,
    image_url: '/images/products/sta-0007.svg',
    is_active: true,
  },
  {
    sku: 'STA-0008',
    name: 'Bamboo Desk Organiser',
    description:
      'Five-compartment organiser made from natural bamboo for pens, sticky notes and phones. ' +
      'Keeps your desk tidy without any plastic.',
    price: '27.99',
    category: 'Stationery',
    stock_quantity: 58,
    image_url: '/images/products/sta-0008.svg',
    is_active: true,
  },
  {
    sku: 'STA-0009',
    name: 'Weekly Desk Planner',
    description:
      'Undated tear-off planner pad with space for priorities, appointments and notes. Contains ' +
      '52 sheets of smooth 120 gsm paper.',
    price: '18.95',
    category: 'Stationery',
    stock_quantity: 110,
    image_url: '/images/products/sta-0009.svg',
    is_active: true,
  },
  {
    sku: 'STA-0010',
    name: 'Greeting Card Assortment (Set of 12)',
    description:
      'Twelve blank cards with envelopes, featuring botanical illustrations printed on heavy ' +
      'card stock. Suitable for any occasion.',
    price: '19.95',
    category: 'Stationery',
    stock_quantity: 95,
    image_url: '/images/products/sta-0010.svg',
    is_active: true,
  },
  {
    sku: 'STA-0011',
    name: 'Brass Paper Clips (Box of 100)',
    description:
      'Solid brass clips with a warm gold finish for holding papers and marking pages. Supplied ' +
      'in a small reusable tin.',
    price: '3.25',
    category: 'Stationery',
    stock_quantity: 400,
    image_url: '/images/products/sta-0011.svg',
    is_active: true,
  },
  {
    sku: 'STA-0012',
    name: 'Calligraphy Starter Set',
    description:
      'Oblique pen holder, five nibs, black ink and a practice pad with guide sheets. ' +
      'Everything a beginner needs to learn modern lettering.',
    price: '29.50',
    category: 'Stationery',
    stock_quantity: 36,
    image_url: '/images/products/sta-0012.svg',
    is_active: true,
  },
  {
    sku: 'STA-0013',
    name: 'Refillable Leather Notebook Cover',
    description:
      'Hand-stitched leather cover that holds a standard A5 notebook and a pen. Replace the ' +
      'insert when it is full and keep the cover for years.',
    price: '39.95',
    category: 'Stationery',
    stock_quantity: 30,
    image_url: '/images/products/sta-0013.svg',
    is_active: true,
  },
  // Toys & Games
  {
    sku: 'TOY-0001',
    name: "Children's Watercolour Set",
    description:
      'Twelve vivid, non-toxic watercolour pans with two brushes and a mixing palette. Washable ' +
      'and perfect for budding young artists.',
    price: '16.99',
    category: 'Toys & Games',
    stock_quantity: 85,
    image_url: '/images/products/toy-0001.svg',
    is_active: true,
  },
  {
    sku: 'TOY-0002',
    name: 'Wooden Building Blocks (50 Pieces)',
    description:
      'Smooth beech blocks in natural and painted finishes for stacking, sorting and creative ' +
      'play. Finished with child-safe water-based paint.',
    price: '34.99',
    category: 'Toys & Games',
    stock_quantity: 66,
    image_url: '/images/products/toy-0002.svg',
    is_active: true,
  },
  {
    sku: 'TOY-0003',
    name: '1000-Piece Jigsaw Puzzle – Alpine Lake',
    description:
      'A detailed mountain landscape jigsaw puzzle printed on thick recycled board. The ' +
      'finished picture measures 68 x 48 cm.',
    price: '19.99',
    category: 'Toys & Games',
    stock_quantity: 120,
    image_url: '/images/products/toy-0003.svg',
    is_active: true,
  },
  {
    sku: 'TOY-0004',
    name: 'Secret Compartment Puzzle Box',
    description:
      'A handcrafted wooden puzzle box with a hidden drawer that only opens after a sequence of ' +
      'sliding moves. A clever gift for curious minds.',
    price: '24.95',
    category: 'Toys & Games',
    stock_quantity: 40,
    image_url: '/images/products/toy-0004.svg',
    is_active: true,
  },
  {
    sku: 'TOY-0005',
    name: 'Classic Chess Set',
    description:
      'Weighted Staunton pieces and a folding walnut board with felt-lined storage. Suitable ' +
      'for tournament practice and family games.',
    price: '59.00',
    category: 'Toys & Games',
    stock_quantity: 28,
    image_url: '/images/products/toy-0005.svg',
    is_active: true,
  },
  {
    sku: 'TOY-0006',
    name: 'Family Card Game – Word Rush',
    description:
      'Fast-paced word game for two to six players aged eight and up. Each round takes about ' +
      'fifteen minutes, so there is always time for one more.',
    price: '14.50',
    category: 'Toys & Games',
    stock_quantity: 0,
    image_url: '/images/products/toy-0006.svg',
    is_active: true,
  },
  {
    sku: 'TOY-0007',
    name: 'Plush Teddy Bear',
    description:
      'Soft, cuddly bear made from recycled polyester with embroidered eyes. Safe from birth ' +
      'and machine washable at 30 degrees.',
    price: '22.00',
    category: 'Toys & Games',
    stock_quantity: 150,
    image_url: '/images/products/toy-0007.svg',
    is_active: true,
  },
  {
    sku: 'TOY-0008',
    name: 'Wooden Train Set',
    description:
      'Forty-piece wooden train set with tracks, a bridge and magnetic carriages. Compatible ' +
      'with most major railway toy brands.',
    price: '49.99',
    category: 'Toys & Games',
    stock_quantity: 33,
    image_url: '/images/products/toy-0008.svg',
    is_active: false,
  },
  {
    sku: 'TOY-0009',
    name: 'Rainbow Delta Kite',
    description:
      'Easy-flying delta kite with a 1.4 m wingspan and 30 m of line on a handle. Launches in a ' +
      'light breeze and folds away for travel.',
    price: '17.95',
    category: 'Toys & Games',
    stock_quantity: 72,
    image_url: '/images/products/toy-0009.svg',
    is_active: true,
  },
  {
    sku: 'TOY-0010',
    name: 'Marble Run Starter Set',
    description:
      'Eighty-piece construction set for designing twisting marble tracks, including 20 glass ' +
      'marbles. Builds skills in planning and problem solving.',
    price: '39.95',
    category: 'Toys & Games',
    stock_quantity: 45,
    image_url: '/images/products/toy-0010.svg',
    is_active: true,
  },
  {
    sku: 'TOY-0011',
    name: 'Modelling Clay (12 Colours)',
    description:
      'Soft modelling clay in twelve bright colours that never dries out. Great for sculpting, ' +
      'stop-motion animation and sensory play.',
    price: '9.95',
    category: 'Toys & Games',
    stock_quantity: 210,
    image_url: '/images/products/toy-0011.svg',
    is_active: true,
  },
  {
    sku: 'TOY-0012',
    name: 'Island Traders Strategy Game',
    description:
      'Build trade routes, collect resources and outsmart your rivals in this strategy board ' +
      'game for two to four players aged ten and up.',
    price: '44.00',
    category: 'Toys & Games',
    stock_quantity: 52,
    image_url: '/images/products/toy-0012.svg',
    is_active: true,
  },
  {
    sku: 'TOY-0013',
    name: 'Speed Cube 3x3',
    description:
      'Smooth-turning speed cube with adjustable tension and vivid stickerless tiles. A classic ' +
      'puzzle for practice and competitions.',
    price: '12.99',
    category: 'Toys & Games',
    stock_quantity: 130,
    image_url: '/images/products/toy-0013.svg',
    is_active: true,
  },
  // Bath & Body
  {
    sku: 'BTH-0001',
    name: 'Lavender Bath Salts 500 g',
    description:
      'Dead Sea and Epsom salts blended with lavender essential oil to help you unwind. ' +
      'Dissolves quickly for a relaxing soak.',
    price: '14.50',
    category: 'Bath & Body',
    stock_quantity: 170,
    image_url: '/images/products/bth-0001.svg',
    is_active: true,
  },
  {
    sku: 'BTH-0002',
    name: 'Organic Shea Body Butter',
    description:
      'Rich whipped body butter made with organic shea and cocoa butter. Absorbs quickly and ' +
      'leaves dry skin soft and nourished.',
    price: '18.99',
    category: 'Bath & Body',
    stock_quantity: 95,
    image_url: '/images/products/bth-0002.svg',
    is_active: true,
  },
  {
    sku: 'BTH-0003',
    name: 'Bamboo Toothbrush (Pack of 4)',
    description:
      'Biodegradable toothbrushes with soft charcoal-infused bristles and a bamboo handle. ' +
      'Packed in plastic-free, recyclable card.',
    price: '7.99',
    category: 'Bath & Body',
    stock_quantity: 0,
    image_url: '/images/products/bth-0003.svg',
    is_active: true,
  },
  {
    sku: 'BTH-0004',
    name: 'Handmade Olive Oil Soap',
    description:
      'Cold-process soap bar made in small batches with olive oil and a touch of honey. Gentle ' +
      'enough for sensitive skin.',
    price: '6.50',
    category: 'Bath & Body',
    stock_quantity: 310,
    image_url: '/images/products/bth-0004.svg',
    is_active: true,
  },
  {
    sku: 'BTH-0005',
    name: 'Turkish Cotton Bath Towel',
    description:
      'Lightweight yet absorbent flat-weave towel in pure Turkish cotton with hand-tied ' +
      'tassels. Dries quickly and softens with every wash.',
    price: '34.00',
    category: 'Bath & Body',
    stock_quantity: 80,
    image_url: '/images/products/bth-0005.svg',
    is_active: true,
  },
  {
    sku: 'BTH-0006',
    name: 'Natural Loofah Sponge',
    description:
      'Plant-based loofah that gently exfoliates and lathers beautifully. Fully compostable at ' +
      'the end of its life.',
    price: '5.49',
    category: 'Bath & Body',
    stock_quantity: 260,
    image_url: '/images/products/bth-0006.svg',
    is_active: true,
  },
  {
    sku: 'BTH-0007',
    name: 'Ceramic Soap Dish',
    description:
      'Glazed ceramic dish with raised ridges that let water drain away, so your soap lasts ' +
      'longer. A simple, elegant addition to any sink.',
    price: '14.50',
    category: 'Bath & Body',
    stock_quantity: 105,
    image_url: '/images/products/bth-0007.svg',
    is_active: true,
  },
  {
    sku: 'BTH-0008',
    name: 'Eucalyptus Shower Steamers (Set of 6)',
    description:
      'Fizzing shower tablets infused with eucalyptus and mint that release an invigorating ' +
      'aroma in the steam. Each tablet lasts one shower.',
    price: '12.95',
    category: 'Bath & Body',
    stock_quantity: 140,
    image_url: '/images/products/bth-0008.svg',
    is_active: true,
  },
  {
    sku: 'BTH-0009',
    name: 'Rosehip Facial Oil 30 ml',
    description:
      'Cold-pressed rosehip seed oil, naturally rich in vitamins A and C. Apply a few drops in ' +
      'the evening to help restore tired-looking skin.',
    price: '29.95',
    category: 'Bath & Body',
    stock_quantity: 48,
    image_url: '/images/products/bth-0009.svg',
    is_active: true,
  },
  {
    sku: 'BTH-0010',
    name: 'Expandable Wooden Bath Caddy',
    description:
      'Extendable wooden tray that rests across the bath to hold a book, a glass and a candle. ' +
      'Made from water-resistant acacia.',
    price: '42.00',
    category: 'Bath & Body',
    stock_quantity: 37,
    image_url: '/images/products/bth-0010.svg',
    is_active: true,
  },
  {
    sku: 'BTH-0011',
    name: 'Lavender & Oat Hand Cream',
    description:
      'Fast-absorbing hand cream with colloidal oat and lavender oil. Soothes chapped hands ' +
      'without leaving a greasy feel.',
    price: '9.99',
    category: 'Bath & Body',
    stock_quantity: 190,
    image_url: '/images/products/bth-0011.svg',
    is_active: true,
  },
  {
    sku: 'BTH-0012',
    name: 'Charcoal Clay Face Mask',
    description:
      'Clay face mask with activated charcoal that draws out impurities and refines the look of ' +
      'pores. Use once or twice a week.',
    price: '16.50',
    category: 'Bath & Body',
    stock_quantity: 72,
    image_url: '/images/products/bth-0012.svg',
    is_active: true,
  },
  {
    sku: 'BTH-0013',
    name: 'Waffle Cotton Bathrobe',
    description:
      'Light waffle-weave robe in breathable cotton with deep pockets and a tie belt. ' +
      'Comfortable to wear all year round.',
    price: '59.95',
    category: 'Bath & Body',
    stock_quantity: 26,
    image_url: '/images/products/bth-0013.svg',
    is_active: true,
  },
];
